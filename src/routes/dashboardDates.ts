/**
 * The centre's calendar as the dashboard sees it in the browser. "Today" is the centre's day
 * (Europe/Vilnius), not the browser's: a supervisor working from another zone, or a laptop left
 * on UTC, must roll over at the centre's midnight like the server does (the same localDateOf).
 * Dates are YYYY-MM-DD strings, which compare correctly as strings.
 */

import { localDateOf } from '$lib/calendar/localDate.ts';

/** The centre's date at `now` (ms since the epoch): the server's own reading (localDateOf). */
export const centreDate = (timeZone: string, now: number = Date.now()): string => localDateOf(now, timeZone);

/** The last day of the range as the figures are asked for: a `to` before `from` means just `from`. */
export const rangeEnd = (from: string, to: string): string => (to < from ? from : to);

/** A centre's date in words, as a chart names the day it shows: "2025 m. gruodžio 31 d." / "31 December 2025". */
export function dateInWords(date: string, lang: 'lt' | 'en'): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Intl.DateTimeFormat(lang === 'lt' ? 'lt-LT' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** Whether the inclusive range contains `day` (the figures for it can still change). */
export const rangeIncludes = (from: string, to: string, day: string): boolean => from <= day && day <= rangeEnd(from, to);

/**
 * The range to show after the centre's date moved from `before` to `after`. Only "today" follows
 * the clock; any other range was picked by the user and stays as it is.
 */
export function followToday(range: { from: string; to: string }, before: string, after: string): { from: string; to: string } {
	return range.from === before && range.to === before ? { from: after, to: after } : range;
}
