/**
 * The order of one call's events when their times tie. Sources stamp in milliseconds or whole
 * seconds, so a caller answered by a free consultant is queued and answered at the same
 * instant, and a call without wrap-up ends and "wraps up" at once. Ordered by time and then by
 * event id (a hash), the answer could come before the queue entry, and the caller would stay
 * "waiting" for ever. Ties are ordered by where each event sits in a call's life:
 * queued < wait_announced < answered < ended = any other exit < wrapup_ended; any other type last.
 * The ranks are the ingest's (ingest/eventOrder.ts): one order everywhere call events are ordered.
 *
 * sql/queries/ewt/events_since.sql orders by the same ranks (its ORDER BY multiIf): keep the two
 * in step. The live queue's rule (queueFeed.ts, sql/queries/live/queue_now.sql) counts entries
 * and exits, so it does not depend on this order at all; the order matters for the sliding sums
 * and for which window a completion lands in.
 */
import { lifecycleRank as rankOf } from '../../../../ingest/eventOrder.ts';
import { CALL_EVENT_TYPES, type CallEventType } from '../../../../ingest/types.ts';

const KNOWN = new Set<string>(CALL_EVENT_TYPES);

/** The ingest's rank (ingest/eventOrder.ts, the one definition), for a stored event's type. */
export const lifecycleRank = (type: string): number => (KNOWN.has(type) ? rankOf(type as CallEventType) : OTHER_RANK);

const OTHER_RANK = 7;

/** Time, then lifecycle, then event id: the order the queue feed takes events in. */
export function byTimeThenLifecycle(a: { ts_ms: number; type: string; event_id: string }, b: { ts_ms: number; type: string; event_id: string }): number {
	return a.ts_ms - b.ts_ms || lifecycleRank(a.type) - lifecycleRank(b.type) || (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0);
}
