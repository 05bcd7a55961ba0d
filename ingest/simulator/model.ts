/**
 * The things the simulation moves around: consultants, calls, callback requests, written
 * inquiries, shifts. Plain mutable objects with a fixed shape (V8 keeps them fast); times are
 * UTC epoch milliseconds, durations milliseconds, all whole.
 */

export const AGENT_OFF = 0;
export const AGENT_IDLE = 1;
export const AGENT_BUSY = 2;
export const AGENT_NOT_READY = 3;

export const CALL_VOICE = 0;
export const CALL_CHAT = 1;
/** A caller who rang after hours and left a callback request in the IVR (never queued). */
export const CALL_AFTER_HOURS = 2;

export const WAITING = 1;
export const DONE = 2;

export type PendingBreak = { reason: string; ms: number };

export type Agent = {
	id: string;
	site: string;
	/** Voice topics (indexes, IVR priority order) this consultant can serve. */
	skills: number[];
	/** Queues served on the current shift, highest priority first (voice topics, or chat). */
	queues: number[];
	/** Bit q set when queue q is in `queues`. */
	mask: number;
	chat: boolean;
	state: number;
	/** Talk and wrap-up multiplier of the current shift (new consultants are slower). */
	ahtFactor: number;
	/** The shift has ended: log out as soon as free (after clearing the queue at closing). */
	ending: boolean;
	breaks: PendingBreak[];
	/** Links in the list of idle consultants, longest idle first. */
	idlePrev: Agent | null;
	idleNext: Agent | null;
};

export type SimCall = {
	id: string;
	kind: number;
	topic: number;
	/** Queue index: voice queues are the topics, chat queues follow them. */
	queue: number;
	t: number;
	patienceMs: number;
	talkMs: number;
	holdMs: number;
	wrapMs: number;
	/** When the caller would press the callback key if the announced wait is long, after queueing. */
	callbackKeyMs: number;
	/** Uniform draws decided at arrival, so a caller's choices do not depend on the run's history. */
	uCallback: number;
	uRepeat: number;
	repeatDelayMs: number;
	/** Seconds announced by the IVR; −1 when nothing was announced. */
	announcedS: number;
	state: number;
	prev: SimCall | null;
	next: SimCall | null;
};

export type CallbackRequest = {
	/** The call that asked for it; the call-back's contact is `${callId}#callback`. */
	callId: string;
	topic: number;
	requestedAt: number;
	/** Index of the working day the call-back is made (the next one after the request). */
	day: number;
	dueAt: number;
};

export type WrittenItem = {
	id: string;
	channel: 'email' | 'einquiry';
	topic: number;
	receivedAt: number;
	answeredAt: number;
	agent: string;
	site: string;
	/** E-inquiries: the deadline. */
	dueAt: number | null;
};

export type Shift = {
	agent: Agent;
	login: number;
	logout: number;
	chat: boolean;
	ahtFactor: number;
	breaks: { at: number; ms: number; reason: string }[];
};

export function newAgent(id: string, site: string, skills: number[]): Agent {
	return {
		id,
		site,
		skills,
		queues: skills,
		mask: 0,
		chat: false,
		state: AGENT_OFF,
		ahtFactor: 1,
		ending: false,
		breaks: [],
		idlePrev: null,
		idleNext: null
	};
}
