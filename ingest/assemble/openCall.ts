/** What the assembler knows about one contact that has not finished yet. */
import type { Channel, Outcome } from '../types.ts';

export type OpenCall = {
	callId: string;
	channel: Channel;
	topic: string;
	site: string;
	agent: string;
	queuedAt: number | null;
	/** queuedAt was worked out from a wait, not seen: the real queue entry overrides it. */
	queuedDerived: boolean;
	answeredAt: number | null;
	endedAt: number | null;
	/** Set by the terminal event of an unanswered contact (abandoned, timed out, …). */
	outcome: Outcome | null;
	terminalAt: number | null;
	waitMs: number | null;
	talkMs: number | null;
	holdMs: number;
	wrapMs: number | null;
	announcedWaitS: number | null;
	dueAt: number | null;
	simulated: boolean;
	/** Event ids already applied: a redelivered event changes nothing. */
	seen: string[];
	/** Event time of the latest event. */
	lastTs: number;
	/**
	 * The stream's time (watermark) when its latest event arrived: wrap-up and stale waits count
	 * from here, so other calls' later events sent before this call's own do not close it.
	 */
	heardAt: number;
};

export function newOpenCall(callId: string, ts: number): OpenCall {
	return {
		callId,
		channel: 'voice',
		topic: '',
		site: '',
		agent: '',
		queuedAt: null,
		queuedDerived: false,
		answeredAt: null,
		endedAt: null,
		outcome: null,
		terminalAt: null,
		waitMs: null,
		talkMs: null,
		holdMs: 0,
		wrapMs: null,
		announcedWaitS: null,
		dueAt: null,
		simulated: false,
		seen: [],
		lastTs: ts,
		heardAt: ts
	};
}
