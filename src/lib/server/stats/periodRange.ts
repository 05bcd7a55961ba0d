/**
 * Turns the centre's local dates into UTC bounds. "Today" is the centre's day in
 * Europe/Vilnius, whatever the server's or the browser's zone (dates: $lib/calendar/localDate).
 */
import { localDateOf, startOfLocalDay } from '../../calendar/localDate.ts';

export { localDateOf, startOfLocalDay };

export type UtcRange = { fromMs: number; toMs: number; fromDate: string; toDate: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real calendar date "YYYY-MM-DD".
 * :TRICKY: Date.parse takes 2026-02-30 and rolls it to 2 March (and 2026-13-01 is NaN, on
 * which toISOString throws): a date is one only if it comes back unchanged.
 */
export function isIsoDate(v: string): boolean {
	if (!DATE.test(v)) return false;
	const ms = Date.parse(`${v}T00:00:00Z`);
	return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === v;
}

function nextDate(date: string): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** [from, to] inclusive local dates → UTC [start of from, start of the day after to). */
export function localDateRange(from: string | null, to: string | null, zone: string, now = Date.now()): UtcRange {
	const today = localDateOf(now, zone);
	const fromDate = from ?? today;
	const toDate = to ?? fromDate;
	for (const [name, v] of [['from', fromDate], ['to', toDate]] as const)
		if (!isIsoDate(v)) throw new RangeError(`${name} must be a date YYYY-MM-DD, got "${v}"`);
	if (toDate < fromDate) throw new RangeError(`to (${toDate}) is before from (${fromDate})`);
	return { fromMs: startOfLocalDay(fromDate, zone), toMs: startOfLocalDay(nextDate(toDate), zone), fromDate, toDate };
}
