/**
 * The centre's calendar dates, the same in the server and in the browser (the dashboard rolls
 * over at the centre's midnight, not the browser's). Dates are YYYY-MM-DD strings.
 * :TRICKY: a local day is 23 or 25 hours long on DST-change Sundays; bounds come from the
 * zone's rules, never from adding 24 h.
 */
import { TZDate } from '@date-fns/tz';

/**
 * A real calendar date "YYYY-MM-DD".
 * :TRICKY: Date.parse takes 2026-02-30 and rolls it to 2 March (and 2026-13-01 is NaN, on
 * which toISOString throws): a date is one only if it comes back unchanged.
 */
export function isIsoDate(v: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
	const ms = Date.parse(`${v}T00:00:00Z`);
	return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === v;
}

/** UTC epoch ms at which the local `date` begins in `zone`. */
export function startOfLocalDay(date: string, zone: string): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new TZDate(y, m - 1, d, 0, 0, 0, zone).getTime();
}

/** The local date in `zone` at `ms`. */
export function localDateOf(ms: number, zone: string): string {
	const t = new TZDate(ms, zone);
	return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}
