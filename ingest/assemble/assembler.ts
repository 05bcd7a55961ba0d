/**
 * Turns the lifecycle events of one source into finished contacts, one per call leg.
 * Deterministic: the same events in the same order from the same state give the same
 * contacts, which is what makes a replayed batch carry the same dedup token. The state is
 * plain data (snapshot/restore), saved with each checkpoint, so open calls survive restarts.
 *
 * When a contact is finished:
 * - unanswered: at its terminal event (abandoned, timed out, left, callback requested);
 * - answered voice/chat: when wrap-up ends, or when the call ends if the source never reports
 *   wrap-up (Asterisk queue_log), or once the stream's time has moved WRAP_WAIT_MS past the
 *   call's own latest event with no wrap-up seen;
 * - e-mail and e-inquiry: when answered; a callback: when the consultant called back (whichever
 *   of request and call-back arrives first).
 * Events may arrive out of order: a contact is emitted only once its queue time is known
 * (from its queued event, or from the wait an answer or terminal event carries).
 * A contact left open by a PBX restart (queue_log QUEUESTART) is closed as outcome "unknown";
 * so is one with no event for STALE_MS (a lost terminal event must not hold memory forever).
 *
 * Time is the stream's own: the newest event time seen (the watermark), moved on only by
 * advance() (the pipeline's stream clock, see pipeline.ts). A call's grace periods count from
 * `heardAt`, the stream's time when the call's latest event arrived, not from its event time: a
 * call whose end comes after other calls' later events (an out-of-order body) still waits for its
 * wrap-up, and a call whose first event arrives 12 hours of stream time late is not stale at once.
 */
import type { CallEvent, ContactRecord } from '../types.ts';
import { newOpenCall, type OpenCall } from './openCall.ts';
import { msText } from '../numberText.ts';

/** How long an ended call waits for its wrap-up before it is emitted without one. */
export const WRAP_WAIT_MS = 10 * 60_000;
/** Voice/chat contacts with no event for this long are closed as unknown. */
export const STALE_MS = 12 * 3600_000;
/** Callbacks and written inquiries stay open much longer: they are answered days later. */
export const STALE_WRITTEN_MS = 60 * 86400_000;
/**
 * Completed call ids are remembered this long (event time), so late duplicates do not reopen
 * them. They travel in every checkpoint, so the window is short: a day's worth made each
 * checkpoint megabytes; redeliveries later than this are caught by the pipeline's recent-id set.
 */
export const REMEMBER_MS = 3600_000;

export type AssemblerOptions = {
	/** false for sources that never report wrap-up: a call completes when it ends. */
	reportsWrapUp: boolean;
	/** When a callback requested at `ts` is due (next working day's close). */
	callbackDue: (ts: number) => number;
	/** When an e-inquiry received at `ts` is due (N working days). */
	eInquiryDue: (ts: number) => number;
};

/**
 * `done`: call id, the event time it finished, its topic, whether it was answered (1/0) and
 * whether its own queue entry was seen (1/0); older checkpoints have only the first two or four.
 */
export type AssemblerState = {
	open: OpenCall[];
	done: ([string, number] | [string, number, string, number] | [string, number, string, number, number])[];
	watermark: number;
};

/**
 * A finished leg, remembered for REMEMBER_MS: when it finished (event time), in which queue,
 * answered or not, and whether its own queue entry had come (`entered`).
 */
type DoneLeg = { at: number; topic: string; answered: boolean; entered: boolean };

export type AssemblerStats = { emitted: number; duplicates: number; lateAfterCompletion: number; closedUnknown: number };

export class Assembler {
	readonly #opts: AssemblerOptions;
	#open = new Map<string, OpenCall>();
	/** callId → when (event time) and in which topic it completed (for late duplicates and re-queues). */
	#done = new Map<string, DoneLeg>();
	#watermark = 0;
	#prunedAt = 0;
	readonly stats: AssemblerStats = { emitted: 0, duplicates: 0, lateAfterCompletion: 0, closedUnknown: 0 };

	constructor(opts: AssemblerOptions) {
		this.#opts = opts;
	}

	get openCount(): number {
		return this.#open.size;
	}

	/** The stream's time: the newest event time seen, or the clock advance() was given. */
	get watermark(): number {
		return this.#watermark;
	}

	/** Applies one event; returns the contacts it finished (usually none or one). */
	apply(e: CallEvent, out: ContactRecord[] = []): ContactRecord[] {
		if (e.ts > this.#watermark) {
			this.#watermark = e.ts;
			if (this.#watermark - this.#prunedAt > 60_000) this.#forgetOldDone();
		}
		if (e.type === 'pbx_other') return out;
		// The call-back is its own contact, opened by the request (see #openCallback).
		// The request's call, if it still waits for its queue entry, keeps waiting: the call-back's
		// time (often a day later) must not end that wait early, or a queue entry sent after it in
		// the same body would be late and the offered call lost. Only the stream's clock ends it.
		if (e.type === 'callback_completed') e = { ...e, callId: callbackId(e.callId) };
		let call = this.#open.get(e.callId);
		const done = this.#done.get(e.callId);
		// An event from a finished earlier leg of a re-queued call must not touch the new leg. In
		// the second the earlier leg finished, only an event naming the new leg's queue belongs to
		// it: queue_log writes times in whole seconds, and a timeout and the entry into the next
		// queue often share one (FORMATS.md §1.5 rule 5, §1.7: the leg is callid + queue + entry time).
		if (call && done !== undefined && (e.ts < done.at || (e.ts === done.at && !ofNewLeg(e, call, done)))) {
			this.stats.lateAfterCompletion++;
			return out;
		}
		if (!call) {
			// A finished call only reopens for a new queue entry (re-queue), from its finishing second
			// on. A queue entry in the very millisecond the leg finished ranks before the event that
			// finished it (lifecycleRank, eventOrder.ts): it is that leg's own, late, unless it names
			// another queue, or the leg had its own entry already (a leg enters once: this is a caller
			// sent back into the same queue, an Asterisk dialplan looping on timeout).
			if (
				done !== undefined &&
				!(
					e.type === 'queued' &&
					(e.ts > done.at || (e.ts === done.at && (done.entered || (e.topic !== undefined && e.topic !== done.topic))))
				)
			) {
				this.stats.lateAfterCompletion++;
				return out;
			}
			call = newOpenCall(e.callId, e.ts);
			// A call-back that arrives before its request: a callback contact, not a voice call.
			if (e.type === 'callback_completed') call.channel = 'callback';
			this.#open.set(e.callId, call);
		}
		if (call.seen.includes(e.eventId)) {
			this.stats.duplicates++;
			return out;
		}
		call.seen.push(e.eventId);
		if (e.ts > call.lastTs) call.lastTs = e.ts;
		call.heardAt = this.#watermark;
		if (e.simulated) call.simulated = true;
		if (e.channel) call.channel = e.channel;
		if (e.topic) call.topic = e.topic;
		if (e.agent) call.agent = e.agent;
		if (e.site) call.site = e.site;
		this.#update(call, e);
		this.#maybeFinish(call, out);
		// A callback request opens the callback itself as a contact of its own.
		if (e.type === 'callback_requested') this.#openCallback(e, call, out);
		// A request sent before its queue entry opened the callback without a topic.
		else if (e.type === 'queued' && call.outcome === 'callback_requested') {
			const cb = this.#open.get(callbackId(e.callId));
			if (cb && cb.topic === '') cb.topic = call.topic;
		}
		return out;
	}

	#update(call: OpenCall, e: CallEvent): void {
		switch (e.type) {
			case 'queued':
				if (call.queuedAt === null || call.queuedDerived || e.ts < call.queuedAt) call.queuedAt = e.ts;
				call.queuedDerived = false;
				if (call.channel === 'einquiry') call.dueAt = this.#opts.eInquiryDue(call.queuedAt);
				break;
			case 'answered':
				call.answeredAt = e.ts;
				if (e.waitMs !== undefined) call.waitMs = e.waitMs;
				// Written channels finish when answered: the answer is the whole handling.
				if (call.channel === 'email' || call.channel === 'einquiry' || call.channel === 'callback') call.endedAt = e.ts;
				break;
			case 'ended':
				call.endedAt = e.ts;
				if (e.talkMs !== undefined) call.talkMs = e.talkMs;
				if (e.holdMs !== undefined) call.holdMs = e.holdMs;
				// An end that carries the call's wait too (queue_log's, whose answer may be in the
				// previous rotated file) says when it was answered: talk and hold before it. An end
				// without one (NDJSON's call.ended, which may come before its call.answered) waits
				// for the answer, which brings the agent and site.
				if (call.answeredAt === null && call.outcome === null && e.waitMs !== undefined && e.talkMs !== undefined) {
					call.answeredAt = e.ts - e.talkMs - (e.holdMs ?? 0);
					call.waitMs ??= e.waitMs;
				}
				break;
			case 'wrapup_ended':
				call.wrapMs = e.wrapMs ?? 0;
				break;
			case 'abandoned':
			case 'timed_out':
			case 'left':
				if (call.answeredAt === null) {
					call.outcome = e.type === 'abandoned' ? 'abandoned' : e.type === 'timed_out' ? 'timed_out' : 'left';
					call.terminalAt = e.ts;
					if (e.waitMs !== undefined) call.waitMs = e.waitMs;
				}
				break;
			case 'callback_requested':
				if (call.answeredAt === null && call.outcome === null) {
					call.outcome = 'callback_requested';
					call.terminalAt = e.ts;
					if (e.waitMs !== undefined) call.waitMs = e.waitMs;
				}
				break;
			case 'callback_completed':
				call.answeredAt = call.endedAt = e.ts;
				break;
			case 'wait_announced':
				if (e.announcedWaitS !== undefined) call.announcedWaitS = e.announcedWaitS;
				break;
			case 'closed_unknown':
				this.#closeUnknown(call, e.ts);
				break;
		}
	}

	#openCallback(e: CallEvent, origin: OpenCall, out: ContactRecord[]): void {
		const id = callbackId(e.callId);
		if (this.#done.has(id)) return;
		let cb = this.#open.get(id);
		if (cb && cb.queuedAt !== null) return;
		// Either new, or opened by a call-back that arrived first (see apply): the request says
		// when it was asked for, for which topic and by when it is due.
		cb ??= newOpenCall(id, e.ts);
		cb.channel = 'callback';
		if (cb.topic === '') cb.topic = e.topic ?? origin.topic;
		cb.queuedAt = e.ts;
		cb.dueAt = this.#opts.callbackDue(e.ts);
		if (e.simulated) cb.simulated = true;
		cb.heardAt = this.#watermark;
		this.#open.set(id, cb);
		this.#maybeFinish(cb, out);
	}

	#closeUnknown(call: OpenCall, ts: number): void {
		if (call.outcome !== null) return;
		if (call.answeredAt !== null && call.endedAt !== null) {
			call.wrapMs ??= 0; // answered and ended: only the wrap-up is unknown
			return;
		}
		call.outcome = 'unknown';
		call.terminalAt = ts;
		this.stats.closedUnknown++;
	}

	#maybeFinish(call: OpenCall, out: ContactRecord[]): void {
		if (call.queuedAt === null) {
			// A callback asked for without queueing (after hours, straight from the IVR) is not an
			// offered call: only the callback contact it opened counts. Its queue entry may yet come
			// (sent after the request, or in the same millisecond and sorted after it): it is waited
			// for as long as a wrap-up is.
			if (awaitsQueueEntry(call)) {
				if (this.#watermark - call.heardAt >= WRAP_WAIT_MS) this.#dropUnqueued(call);
				return;
			}
			// No queue entry (yet). When the events so far say which topic it was for (queue_log
			// names the queue on every line), the wait they carry says when it queued; otherwise
			// wait for the queue entry, which brings channel and topic (out-of-order NDJSON).
			if (call.topic === '' || !this.#deriveQueuedAt(call)) return;
		}
		const written = call.channel === 'email' || call.channel === 'einquiry' || call.channel === 'callback';
		let finished = false;
		if (call.outcome !== null) finished = true;
		else if (call.answeredAt !== null && call.endedAt !== null) {
			if (written || !this.#opts.reportsWrapUp || call.wrapMs !== null) finished = true;
			// Counted from when its latest event arrived, not from its end: other calls' later events
			// sent before this one's end must not close it.
			else if (this.#watermark - call.heardAt >= WRAP_WAIT_MS) {
				call.wrapMs = 0;
				finished = true;
			}
		}
		if (!finished) return;
		out.push(toContact(call));
		this.stats.emitted++;
		this.#open.delete(call.callId);
		this.#done.set(call.callId, {
			at: call.terminalAt ?? call.endedAt ?? call.lastTs,
			topic: call.topic,
			answered: call.outcome === null && call.answeredAt !== null,
			entered: !call.queuedDerived
		});
	}

	/** A callback request that never queued: not an offered call, only its callback counts. */
	#dropUnqueued(call: OpenCall): void {
		this.#open.delete(call.callId);
		this.#done.set(call.callId, { at: call.terminalAt!, topic: call.topic, answered: false, entered: false });
	}

	/** Sets queuedAt from the wait of the answer or terminal event; false when there is none. */
	#deriveQueuedAt(call: OpenCall): boolean {
		const at = call.answeredAt ?? call.terminalAt;
		if (call.waitMs === null || at === null) return false;
		call.queuedAt = at - call.waitMs;
		call.queuedDerived = true;
		return true;
	}

	/** When time or a restart forces a contact out: the best queue time there is. */
	#forceQueuedAt(call: OpenCall): void {
		if (call.queuedAt === null && !this.#deriveQueuedAt(call)) {
			call.queuedAt = call.lastTs;
			call.queuedDerived = true; // not from a queue entry of its own
		}
	}

	/**
	 * Advances time without an event (live sources tick with the wall clock): finishes calls
	 * whose wrap-up never came and closes stale ones. Returns the contacts finished.
	 */
	advance(now: number, out: ContactRecord[] = []): ContactRecord[] {
		if (now > this.#watermark) this.#watermark = now;
		for (const call of [...this.#open.values()]) {
			const written = call.channel === 'email' || call.channel === 'einquiry' || call.channel === 'callback';
			if (this.#watermark - call.heardAt >= (written ? STALE_WRITTEN_MS : STALE_MS) && !awaitsQueueEntry(call)) {
				this.#forceQueuedAt(call);
				// Closed at its last event, the last time anything was known of it: closed at the
				// clock, a caller whose exit was lost would add 12 hours to every wait figure.
				this.#closeUnknown(call, call.lastTs);
			}
			this.#maybeFinish(call, out);
		}
		this.#forgetOldDone();
		return out;
	}

	/** Drops completed ids older than REMEMBER_MS; the map is in completion order, so from the front. */
	#forgetOldDone(): void {
		this.#prunedAt = this.#watermark;
		for (const [id, { at }] of this.#done) {
			if (this.#watermark - at <= REMEMBER_MS) break;
			this.#done.delete(id);
		}
	}

	/** The PBX restarted: every voice call it left open is closed as unknown. */
	pbxRestart(ts: number, out: ContactRecord[] = []): ContactRecord[] {
		if (ts > this.#watermark) this.#watermark = ts;
		for (const call of [...this.#open.values()]) {
			if (call.channel !== 'voice') continue;
			// Its queue entry can no longer come: a request straight from the IVR.
			if (awaitsQueueEntry(call)) {
				this.#dropUnqueued(call);
				continue;
			}
			this.#forceQueuedAt(call);
			this.#closeUnknown(call, ts);
			this.#maybeFinish(call, out);
		}
		return out;
	}

	snapshot(): AssemblerState {
		return {
			open: [...this.#open.values()],
			done: [...this.#done].map(([id, d]) => [id, d.at, d.topic, d.answered ? 1 : 0, d.entered ? 1 : 0]),
			watermark: this.#watermark
		};
	}

	restore(state: AssemblerState): void {
		// Checkpoints written before heardAt: the call's own time is the best there is.
		for (const c of state.open) c.heardAt ??= c.lastTs;
		this.#open = new Map(state.open.map((c) => [c.callId, c]));
		// Without `entered` (older checkpoints), a queue entry in the finishing millisecond re-opens
		// the call, as it always did before.
		this.#done = new Map(
			state.done.map(([id, at, topic, answered, entered]) => [id, { at, topic: topic ?? '', answered: answered === 1, entered: entered !== 0 }])
		);
		this.#watermark = state.watermark;
	}
}

const callbackId = (callId: string) => `${callId}#callback`;

/**
 * Whether an event in the millisecond a call's earlier leg finished belongs to the new leg open
 * now. One that names a queue belongs to that queue's leg. One that names none (NDJSON's answer,
 * end and wrap-up) is the new leg's when the earlier leg was never answered: a caller who timed
 * out of one queue and was answered in the next in the same millisecond has the answer, end and
 * wrap-up of the second. Anything else ranks before the earlier leg's finish (lifecycleRank) and
 * is that leg's, late.
 */
function ofNewLeg(e: CallEvent, call: OpenCall, done: DoneLeg): boolean {
	if (e.topic !== undefined) return e.topic === call.topic;
	return !done.answered && (e.type === 'answered' || e.type === 'ended' || e.type === 'wrapup_ended');
}

/** A callback request with no queue entry and no wait (yet): see #maybeFinish. */
const awaitsQueueEntry = (call: OpenCall) => call.queuedAt === null && call.outcome === 'callback_requested' && call.waitMs === null;

function toContact(c: OpenCall): ContactRecord {
	const queuedAt = c.queuedAt!;
	const answered = c.outcome === null && c.answeredAt !== null;
	const endedAt = Math.max(queuedAt, c.endedAt ?? c.terminalAt ?? c.lastTs);
	const waitMs = Math.max(
		0,
		Math.round(c.waitMs ?? (answered ? c.answeredAt! - queuedAt : (c.terminalAt ?? endedAt) - queuedAt))
	);
	const talkMs = answered
		? Math.max(0, Math.round(c.talkMs ?? (c.endedAt! - c.answeredAt! - c.holdMs)))
		: 0;
	return {
		// Joined, not a template: a flat string for the hashes and comparisons that read it. The
		// time through msText: join's own number-to-text is the slow general path for 13 digits.
		contactId: [c.callId, msText(queuedAt)].join('#'),
		channel: c.channel,
		topic: c.topic,
		site: answered ? c.site : '',
		agent: answered ? c.agent : '',
		queuedAt,
		answeredAt: answered ? c.answeredAt : null,
		endedAt,
		dueAt: c.dueAt,
		outcome: answered ? 'answered' : (c.outcome ?? 'unknown'),
		waitMs,
		talkMs,
		holdMs: answered ? Math.max(0, Math.round(c.holdMs)) : 0,
		wrapMs: answered ? Math.max(0, Math.round(c.wrapMs ?? 0)) : 0,
		announcedWaitS: c.announcedWaitS,
		simulated: c.simulated
	};
}
