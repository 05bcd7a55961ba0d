/**
 * Turns the centre's local dates into UTC bounds. "Today" is the centre's day in
 * Europe/Vilnius, whatever the server's or the browser's zone (dates: $lib/calendar/localDate).
 */
import { isIsoDate, localDateOf, startOfLocalDay } from '../../calendar/localDate.ts';

export { localDateOf, startOfLocalDay };

export type UtcRange = { fromMs: number; toMs: number; fromDate: string; toDate: string };


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
