/**
 * The order of one call's events when their times tie. Sources stamp in milliseconds or whole
 * seconds, so a caller answered by a free consultant is queued and answered at the same
 * instant, and a call without wrap-up ends and "wraps up" at once. Ordered by time and then by
 * event id (a hash), the answer could come before the queue entry, and the caller would stay
 * "waiting" for ever. Ties are ordered by where each event sits in a call's life:
 * queued < wait_announced < answered = any other exit < ended < wrapup_ended; any other type last.
 *
 * sql/queries/ewt/events_since.sql orders by the same ranks (its ORDER BY multiIf): keep the two
 * in step. The live queue's rule (queueFeed.ts, sql/queries/live/queue_now.sql) counts entries
 * and exits, so it does not depend on this order at all; the order matters for the sliding sums
 * and for which window a completion lands in.
 */
export const LIFECYCLE_RANK: Readonly<Record<string, number>> = {
	queued: 0,
	wait_announced: 1,
	answered: 2,
	abandoned: 2,
	timed_out: 2,
	left: 2,
	callback_requested: 2,
	closed_unknown: 2,
	ended: 3,
	wrapup_ended: 4
};

const OTHER_RANK = 5;

export const lifecycleRank = (type: string): number => LIFECYCLE_RANK[type] ?? OTHER_RANK;

/** Time, then lifecycle, then event id: the order the queue feed takes events in. */
export function byTimeThenLifecycle(a: { ts_ms: number; type: string; event_id: string }, b: { ts_ms: number; type: string; event_id: string }): number {
	return a.ts_ms - b.ts_ms || lifecycleRank(a.type) - lifecycleRank(b.type) || (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0);
}
