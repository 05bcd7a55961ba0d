/**
 * The centre's calendar as the dashboard sees it in the browser. "Today" is the centre's day
 * (Europe/Vilnius), not the browser's: a supervisor working from another zone, or a laptop left
 * on UTC, must roll over at the centre's midnight like the server does (periodRange.ts).
 * Dates are YYYY-MM-DD strings, which compare correctly as strings.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/** The centre's date at `now` (ms since the epoch). */
export function centreDate(timeZone: string, now: number = Date.now()): string {
	let format = formats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		formats.set(timeZone, format);
	}
	// Parts rather than the formatted string: the pattern of a locale may change between ICU versions.
	const parts = format.formatToParts(now);
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The last day of the range as the figures are asked for: a `to` before `from` means just `from`. */
export const rangeEnd = (from: string, to: string): string => (to < from ? from : to);

/** Whether the inclusive range contains `day` (the figures for it can still change). */
export const rangeIncludes = (from: string, to: string, day: string): boolean => from <= day && day <= rangeEnd(from, to);

/**
 * The range to show after the centre's date moved from `before` to `after`. Only "today" follows
 * the clock; any other range was picked by the user and stays as it is.
 */
export function followToday(range: { from: string; to: string }, before: string, after: string): { from: string; to: string } {
	return range.from === before && range.to === before ? { from: after, to: after } : range;
}
