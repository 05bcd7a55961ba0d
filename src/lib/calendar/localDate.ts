/**
 * The centre's calendar dates, the same in the server and in the browser (the dashboard rolls
 * over at the centre's midnight, not the browser's). Dates are YYYY-MM-DD strings.
 * :TRICKY: a local day is 23 or 25 hours long on DST-change Sundays; bounds come from the
 * zone's rules, never from adding 24 h.
 */
import { TZDate } from '@date-fns/tz';

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
