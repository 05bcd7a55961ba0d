/**
 * The canonical records every input format is parsed into. Parsers are pure: text in,
 * records out; they never touch ClickHouse. Times are epoch milliseconds (UTC), durations
 * milliseconds. Identifiers are strings, always (an Asterisk uniqueid like 1658814295.10
 * is not the number 1658814295.1).
 */

import type { RejectReason } from './parsers/rejectReasons.ts';

export const CHANNELS = ['voice', 'chat', 'callback', 'email', 'einquiry'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CALL_EVENT_TYPES = [
	'queued', // entered a topic queue (for e-mail/e-inquiry: received)
	'answered', // a consultant took it (for e-mail/e-inquiry: answered, which completes it)
	'ended', // conversation over (talk and hold known)
	'wrapup_ended', // after-call work done (wrap-up known)
	'abandoned', // caller hung up while waiting
	'timed_out', // the queue's timeout sent the caller elsewhere
	'left', // left the queue by choice (key pressed, queue empty, withdrawn)
	'callback_requested', // caller left a question for a callback the next working day
	'callback_completed', // the consultant called back
	'wait_announced', // the IVR told the caller an estimated wait
	'closed_unknown', // left open by a PBX restart; closed without a known outcome
	'pbx_other' // an event we do not interpret, kept with its raw data
] as const;
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];

export type CallEvent = {
	/** Deterministic and unique per event: replays produce the same id. */
	eventId: string;
	ts: number;
	/** Identifies one contact attempt (a call leg in one queue) within its source. */
	callId: string;
	type: CallEventType;
	channel?: Channel;
	topic?: string;
	site?: string;
	agent?: string;
	/** answered/abandoned/timed_out/left: time spent waiting in the queue. */
	waitMs?: number;
	/** ended: talk time, excluding hold. */
	talkMs?: number;
	/** ended: total time on hold. */
	holdMs?: number;
	/** wrapup_ended: after-call work time. */
	wrapMs?: number;
	/** wait_announced: the estimate given to the caller, seconds. */
	announcedWaitS?: number;
	estimateMethod?: string;
	/** Free text: exit key, transfer target, unknown event name and data. */
	reason?: string;
	simulated?: boolean;
};

/**
 * A call event with every field present (undefined when not given), always in this order.
 * :TRICKY: events built field by field as each format finds them took a dozen shapes, and
 * every reader of them (ids, rows, the assembler) went through V8's slow megamorphic lookups.
 */
export function newCallEvent(type: CallEventType, ts: number, callId: string): CallEvent {
	return {
		eventId: '',
		ts,
		callId,
		type,
		channel: undefined,
		topic: undefined,
		site: undefined,
		agent: undefined,
		waitMs: undefined,
		talkMs: undefined,
		holdMs: undefined,
		wrapMs: undefined,
		announcedWaitS: undefined,
		estimateMethod: undefined,
		reason: undefined,
		simulated: undefined
	};
}

export const AGENT_STATES = ['logged_in', 'logged_out', 'available', 'on_call', 'wrap_up', 'not_ready'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

export type AgentEvent = {
	eventId: string;
	ts: number;
	agent: string;
	site?: string;
	state: AgentState;
	/** not_ready: the reason (break, training, …). */
	reason?: string;
	/** Topics this consultant serves, when the source says. */
	topics?: string[];
	simulated?: boolean;
};

export const OUTCOMES = [
	'answered',
	'abandoned',
	'timed_out',
	'left',
	'callback_requested',
	'unknown'
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A finished contact, whole: what CDRs, Genesys records and bulk backfill give directly. */
export type ContactRecord = {
	contactId: string;
	channel: Channel;
	topic: string;
	site: string;
	agent: string;
	queuedAt: number;
	answeredAt: number | null;
	endedAt: number;
	/** Callbacks and e-inquiries: when the answer is due. */
	dueAt?: number | null;
	outcome: Outcome;
	waitMs: number;
	talkMs: number;
	holdMs: number;
	wrapMs: number;
	announcedWaitS?: number | null;
	simulated?: boolean;
};

/** Something the source says about itself rather than about a call. */
export type ControlRecord = {
	/** pbx_restart: the PBX (re)started logging; calls it left open are closed as unknown. */
	control: 'pbx_restart';
	ts: number;
};

export type Rejected = {
	/** Why, as a class records are grouped and counted by (ingest/parsers/rejectReasons.ts). */
	reason: RejectReason;
	/** The specifics, with the value that was wrong ("line has 3 fields, a queue_log line needs at least 5"). */
	detail: string;
	/** The raw text of the record, as received (NUL bytes and all). */
	raw: string;
};

/** One parsed input record. A parser returns zero or more per input line or document. */
export type ParsedRecord =
	| { kind: 'call'; event: CallEvent }
	| { kind: 'agent'; event: AgentEvent }
	| { kind: 'contact'; contact: ContactRecord }
	| { kind: 'control'; control: ControlRecord }
	| { kind: 'rejected'; rejected: Rejected }
	| { kind: 'ignored'; why: string };

/** How PBX names map onto ours. Unknown queues stay themselves; unknown agents sit at "unknown". */
export type NameMapping = {
	/** Queue name or id → topic id (the queue name itself when unmapped). */
	topicOfQueue(queue: string): string;
	/** Agent name as the PBX writes it → canonical agent id (aliases resolved). */
	canonicalAgent(agent: string): string;
	/** Canonical agent id → site id ("unknown" when unmapped). */
	siteOfAgent(agent: string): string;
};

export type FormatName = 'ndjson' | 'queue-log' | 'queue-log-csv' | 'cdr-csv' | 'genesys';

/** What a parser knows about where a record came from. */
export type ParseContext = {
	/** Stable name of the source (file fingerprint, API stream). Not used in event ids. */
	sourceId: string;
	/** Where the record sits in the source, for rejected records: "line 189", "byte 40211". */
	position: string;
	mapping: NameMapping;
	/** Zone for formats that write local wall-clock time without an offset. */
	timeZone: string;
};

/** Parses one line of a line-oriented format. */
export type LineParser = (line: string, ctx: ParseContext) => ParsedRecord[];
/** Parses one whole document (a JSON file or body). */
export type DocumentParser = (text: string, ctx: ParseContext) => ParsedRecord[];
