/**
 * The order of one call's events when their times tie. queue_log writes whole seconds and every
 * source can give a caller answered at once the same millisecond for queue entry and answer;
 * ordered by event id instead, the answer could come first and the caller would never have left
 * the queue. Within one time a call's events follow its lifecycle: queued < wait_announced <
 * answered < ended < wrapup_ended, and a terminal event of a caller who never reached anyone
 * (abandoned, timed out, left, callback requested) after the queue entry. Everything that orders
 * call events (the assembler's late-event rules, the estimator, the live queue) uses this one.
 */
import type { CallEvent, CallEventType } from './types.ts';

const RANK: Record<CallEventType, number> = {
	queued: 0,
	wait_announced: 1,
	answered: 2,
	ended: 3,
	wrapup_ended: 4,
	// A caller who leaves unanswered leaves after entering the queue (and after any announcement).
	abandoned: 3,
	timed_out: 3,
	left: 3,
	callback_requested: 3,
	// The call-back is a contact of its own, made after the request.
	callback_completed: 5,
	// Written by the ingest when it gives up on a call: after anything the call itself said.
	closed_unknown: 6,
	pbx_other: 7
};

/** Where an event of this type falls in a call's lifecycle (lower first) when times tie. */
export function lifecycleRank(type: CallEventType): number {
	return RANK[type];
}

/** Orders call events by time, then lifecycle, then event id (so that any order is total and stable). */
export function compareCallEvents(a: Pick<CallEvent, 'ts' | 'type' | 'eventId'>, b: Pick<CallEvent, 'ts' | 'type' | 'eventId'>): number {
	return a.ts - b.ts || RANK[a.type] - RANK[b.type] || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}
