/**
 * Turns the centre's local dates into UTC bounds. "Today" is the centre's day in
 * Europe/Vilnius, whatever the server's or the browser's zone.
 * :TRICKY: a local day is 23 or 25 hours long on DST-change Sundays; bounds come from the
 * zone's rules, never from adding 24 h.
 */
import { TZDate } from '@date-fns/tz';

export type UtcRange = { fromMs: number; toMs: number; fromDate: string; toDate: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function startOfLocalDay(date: string, zone: string): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new TZDate(y, m - 1, d, 0, 0, 0, zone).getTime();
}

export function localDateOf(ms: number, zone: string): string {
	const t = new TZDate(ms, zone);
	return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
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
		if (!DATE.test(v) || Number.isNaN(Date.parse(v))) throw new RangeError(`${name} must be a date YYYY-MM-DD, got "${v}"`);
	if (toDate < fromDate) throw new RangeError(`to (${toDate}) is before from (${fromDate})`);
	return { fromMs: startOfLocalDay(fromDate, zone), toMs: startOfLocalDay(nextDate(toDate), zone), fromDate, toDate };
}
