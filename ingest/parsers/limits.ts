/**
 * The longest durations an input record may carry, per channel. They are there to catch unit
 * mistakes (microseconds or nanoseconds sent as milliseconds), not to judge the centre: a
 * value above them is rejected with the reason class `wait_too_long` or `duration_too_long`,
 * kept with the record, never stored as a figure. docs/canonical-events.md (Units) and
 * ingest/schema/canonical-event.schema.json say the same numbers; tests/unit/ingest/limits.test.ts
 * holds the three together.
 */
import type { Channel } from '../types.ts';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Calls and chats wait minutes: a queue that holds someone four hours is not a queue, and a
 * wait of 15 s sent in microseconds (15,000,000 "ms", 4.2 hours) is caught. Written work and
 * callbacks wait days or months: the centre promises e-inquiries within 20 working days
 * (configurable up to 120, about six months) and an overdue one may be answered after that, so
 * they may wait up to a year (366 days). More than that is a unit mistake or a lost record.
 */
export const WAIT_LIMIT_MS: Readonly<Record<Channel, number>> = {
	voice: 4 * HOUR_MS,
	chat: 4 * HOUR_MS,
	callback: 366 * DAY_MS,
	einquiry: 366 * DAY_MS,
	email: 366 * DAY_MS
};

/**
 * The wait on a call event (`call.answered`, `call.abandoned`, `call.timed_out`, `call.left`):
 * those are the phone or chat queue's wait. A callback's and written work's waits come from
 * their times (requested → completed, received → answered), never from this field.
 */
export const CALL_EVENT_WAIT_LIMIT_MS = WAIT_LIMIT_MS.voice;

/** Talk, hold and wrap-up, any channel: nobody talks, holds or wraps up for a week. */
export const HANDLE_LIMIT_MS = 7 * DAY_MS;

/** The wait announced to a caller (`estimate_s`, `announced_wait_s`), whole seconds. */
export const ANNOUNCED_LIMIT_S = 7 * 24 * 3600;

/** A limit in words for the detail of a rejected record ("4 hours", "366 days"). */
export function limitWords(ms: number): string {
	return ms % DAY_MS === 0 ? `${ms / DAY_MS} days` : `${ms / HOUR_MS} hours`;
}
