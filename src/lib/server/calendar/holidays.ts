/**
 * Public holidays of Lithuania (Darbo kodeksas, art. 123), as calendar dates.
 * :TRICKY: two were added within our ten years of history: 24 December from 2012 and
 * 2 November (Vėlinės) from 2020. Easter Sunday and Monday move; Mother's and Father's
 * Day always fall on a Sunday, so they never change working-day arithmetic but are listed
 * for completeness.
 */

/** Gregorian Easter Sunday (anonymous Gregorian algorithm), as [month 1-12, day]. */
export function easterSunday(year: number): [number, number] {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return [month, day];
}

export function isoDate(year: number, month: number, day: number): string {
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds days to a YYYY-MM-DD date (pure calendar arithmetic, no time zone involved). */
export function addCalendarDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const t = new Date(Date.UTC(y, m - 1, d + days));
	return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** ISO weekday of a YYYY-MM-DD date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
	return wd === 0 ? 7 : wd;
}

function firstSunday(year: number, month: number): string {
	for (let d = 1; d <= 7; d++) if (isoWeekday(isoDate(year, month, d)) === 7) return isoDate(year, month, d);
	throw new Error('unreachable');
}

/** The public holidays of one year with their Lithuanian names, in date order. */
export function lithuanianHolidays(year: number): { date: string; name: string }[] {
	const [em, ed] = easterSunday(year);
	const easter = isoDate(year, em, ed);
	const list = [
		{ date: isoDate(year, 1, 1), name: 'Naujieji metai' },
		{ date: isoDate(year, 2, 16), name: 'Lietuvos valstybės atkūrimo diena' },
		{ date: isoDate(year, 3, 11), name: 'Lietuvos nepriklausomybės atkūrimo diena' },
		{ date: easter, name: 'Velykos' },
		{ date: addCalendarDays(easter, 1), name: 'Antroji Velykų diena' },
		{ date: isoDate(year, 5, 1), name: 'Tarptautinė darbo diena' },
		{ date: firstSunday(year, 5), name: 'Motinos diena' },
		{ date: firstSunday(year, 6), name: 'Tėvo diena' },
		{ date: isoDate(year, 6, 24), name: 'Rasos ir Joninių diena' },
		{ date: isoDate(year, 7, 6), name: 'Valstybės diena' },
		{ date: isoDate(year, 8, 15), name: 'Žolinė' },
		{ date: isoDate(year, 11, 1), name: 'Visų šventųjų diena' },
		...(year >= 2020 ? [{ date: isoDate(year, 11, 2), name: 'Vėlinės' }] : []),
		...(year >= 2012 ? [{ date: isoDate(year, 12, 24), name: 'Kūčios' }] : []),
		{ date: isoDate(year, 12, 25), name: 'Kalėdos' },
		{ date: isoDate(year, 12, 26), name: 'Antroji Kalėdų diena' }
	];
	return list.sort((a, b) => a.date.localeCompare(b.date));
}
