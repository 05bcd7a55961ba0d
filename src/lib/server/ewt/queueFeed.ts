/**
 * Turns stored call events into the per-queue windows (topicWindow.ts) the estimators read.
 * Pure: rows in, window updates and arrivals out; ewtService.ts does the reading and timing.
 *
 * A queue is a (channel, topic) pair: voice and chat callers of one topic wait in different
 * queues. Only events naming a channel that queues (voice, chat) are fed.
 *
 * Completions: a consultant is free again when wrap-up ends, so a call completes at its
 * `wrapup_ended`, with handle time talk + hold (from `ended`) + wrap-up. A source that reports
 * no wrap-up completes at `ended` + WRAP_WAIT_MS with wrap-up 0. The assembler waits longer
 * (10 minutes) before closing a contact's row, where only completeness matters; a queue's
 * service rate cannot lag that much, and sources that report wrap-up do so within minutes.
 */
import { TopicWindow, type TopicWindowOptions } from './topicWindow.ts';

export const QUEUED_CHANNELS = ['voice', 'chat'] as const;

/** How long after `ended` a call without `wrapup_ended` is taken as completed without wrap-up. */
export const WRAP_WAIT_MS = 120_000;
/**
 * Who is waiting, one definition for GET /api/ewt and the live boards: a caller waits while his
 * call has more queue entries than exits, in the queue of his newest entry, from that entry
 * (sql/queries/live/queue_now.sql reads stored events by the same rule). Counting instead of
 * following events in order means a queue entry and its answer in the same instant, or an exit
 * stored before its entry, can never leave a caller "waiting". A caller still waiting after
 * WAIT_HORIZON_MS has lost his exit (a PBX restart, an event never sent): no phone or chat queue
 * holds anyone an hour (queue timeouts are minutes), so he is dropped, not counted for hours.
 * The service rebuilds the queues from this much history at start, so a restart finds the
 * same callers waiting.
 */
export const WAIT_HORIZON_MS = 3600_000;
/** Calls are forgotten this long after their last event (a late answer still finds its entry). */
const CALL_MEMORY_MS = 4 * 3600_000;

const EXITS = new Set(['answered', 'abandoned', 'timed_out', 'left', 'callback_requested', 'closed_unknown']);

export type CallEventRow = {
	event_id: string;
	ts_ms: number;
	call_id: string;
	type: string;
	channel: string;
	topic: string;
	wait_ms: number;
	talk_ms: number;
	hold_ms: number;
	wrap_ms: number;
	simulated: number;
	/** wait_announced: the wait the caller was told (seconds), for the callers-waiting list. */
	announced_wait_s?: number | string | null;
};

/** One caller waiting now, as the supervisor's list shows him; callId stays on the server. */
export type WaitingCaller = { channel: string; topic: string; callId: string; queuedAtMs: number; announcedS: number | null };

/** Answered waits kept per queue for "the last callers answered" (newest first on screens). */
const RECENT_KEPT = 5;

/** A caller who joined a queue: the moment to compute and store every estimator for him. */
export type Arrival = { key: string; channel: string; topic: string; callId: string; atMs: number; simulated: boolean };

type CallMemory = {
	/**
	 * Queue entries by time, and exits by type and time: an entry or exit stored twice (a replayed
	 * batch, a re-read file, an id scheme that changed) counts once.
	 */
	entries: Set<number>;
	exits: Set<string>;
	/** The newest entry: the queue he waits in, and the one whose consultants serve him. */
	newest: { key: string; atMs: number } | null;
	/** Where he waits now in the windows (queue key and entry time), or null. */
	placed: { key: string; atMs: number } | null;
	/** The entry (time) dropped past the horizon: he is not placed again by it. */
	dropped: number | null;
	lastMs: number;
	endedAtMs: number | null;
	talkHoldMs: number;
	completed: boolean;
	/** The latest wait announced to him and when (epoch ms): shown if after his newest entry. */
	announced: { s: number; atMs: number } | null;
};

export const queueKey = (channel: string, topic: string) => `${channel}/${topic}`;

export class QueueFeed {
	readonly windows = new Map<string, TopicWindow>();
	#calls = new Map<string, CallMemory>();
	/** Calls ended and not yet wrapped up, in the order they ended (events come sorted). */
	#awaitingWrap: CallMemory[] = [];
	#awaitingHead = 0;
	#options: TopicWindowOptions;
	/** Per queue key, the last RECENT_KEPT answers: when, and the wait from the newest entry (ms). */
	#recent = new Map<string, { atMs: number; waitMs: number }[]>();
	/**
	 * Per queue key, the callers placed there and their true entry time (epoch ms). The windows
	 * hold the same callers, but at a time never before their latest event (an entry stored late
	 * is taken later there): the boards show when the caller really joined.
	 */
	#placedAt = new Map<string, Map<string, number>>();

	constructor(options: TopicWindowOptions = {}) {
		this.#options = options;
	}

	window(channel: string, topic: string): TopicWindow {
		const key = queueKey(channel, topic);
		let w = this.windows.get(key);
		if (!w) this.windows.set(key, (w = new TopicWindow(this.#options)));
		return w;
	}

	/**
	 * Applies events, which must be sorted by time (a call's events at one instant in lifecycle
	 * order, lifecycle.ts). An event older than its window's latest (stored late, by another
	 * source) is taken at the window's latest time: a few seconds' distortion of one queue's
	 * sums, rather than a window that refuses to go on. `onArrival` is called for each queue
	 * entry, after the window took every earlier event.
	 */
	apply(rows: CallEventRow[], onArrival?: (a: Arrival, window: TopicWindow, atS: number) => void): void {
		for (const r of rows) {
			this.#completeUnwrapped(r.ts_ms);
			if (r.type === 'queued') this.#entry(r, onArrival);
			else if (EXITS.has(r.type)) this.#exit(r);
			else if (r.type === 'wait_announced') this.#announced(r);
			else this.#handled(r);
		}
	}

	#memory(callId: string, ms: number): CallMemory {
		let call = this.#calls.get(callId);
		if (!call) {
			call = { entries: new Set(), exits: new Set(), newest: null, placed: null, dropped: null, lastMs: ms, endedAtMs: null, talkHoldMs: 0, completed: false, announced: null };
			this.#calls.set(callId, call);
		}
		call.lastMs = Math.max(call.lastMs, ms);
		return call;
	}

	#entry(r: CallEventRow, onArrival?: (a: Arrival, window: TopicWindow, atS: number) => void): void {
		// Asterisk's queue_log names no channel: a PBX queue entry is a phone call.
		const channel = r.channel || 'voice';
		if (!(QUEUED_CHANNELS as readonly string[]).includes(channel) || r.topic === '') return;
		const call = this.#memory(r.call_id, r.ts_ms);
		if (call.entries.has(r.ts_ms)) return;
		call.entries.add(r.ts_ms);
		const key = queueKey(channel, r.topic);
		if (!call.newest || r.ts_ms >= call.newest.atMs) call.newest = { key, atMs: r.ts_ms };
		const w = this.window(channel, r.topic);
		const atS = this.#at(w, r.ts_ms);
		// The estimate is for the caller as he joins: everyone already waiting is ahead.
		onArrival?.({ key, channel, topic: r.topic, callId: r.call_id, atMs: r.ts_ms, simulated: r.simulated === 1 }, w, atS);
		w.arrived(atS);
		this.#place(r.call_id, call, r);
	}

	#exit(r: CallEventRow): void {
		const call = this.#memory(r.call_id, r.ts_ms);
		const id = `${r.type}@${r.ts_ms}`;
		if (call.exits.has(id)) return;
		call.exits.add(id);
		this.#place(r.call_id, call, r);
	}

	#announced(r: CallEventRow): void {
		if (r.announced_wait_s === null || r.announced_wait_s === undefined) return;
		const call = this.#memory(r.call_id, r.ts_ms);
		if (!call.announced || r.ts_ms >= call.announced.atMs) call.announced = { s: Number(r.announced_wait_s), atMs: r.ts_ms };
	}

	/** Puts the caller where the counting rule says he waits, leaving his old place as `r` says. */
	#place(callId: string, call: CallMemory, r: CallEventRow): void {
		let want = call.entries.size > call.exits.size ? call.newest : null;
		if (want && want.atMs === call.dropped) want = null;
		const from = call.placed;
		if (from?.key === want?.key && from?.atMs === want?.atMs) return;
		if (from) {
			const w = this.windows.get(from.key)!;
			const atS = this.#at(w, r.ts_ms);
			if (r.type === 'answered') this.#answeredWait(from.key, r.ts_ms, r.ts_ms - from.atMs);
			if (r.type === 'answered') w.answered(callId, atS, r.wait_ms > 0 ? r.wait_ms / 1000 : undefined);
			// Out of the queue, but not by losing patience (timeout, callback, key, a new entry): not an abandon for θ.
			else if (r.type === 'abandoned') w.abandoned(callId, atS);
			else w.left(callId, atS);
		}
		if (from) this.#placedAt.get(from.key)?.delete(callId);
		call.placed = want;
		if (want) {
			let placed = this.#placedAt.get(want.key);
			if (!placed) this.#placedAt.set(want.key, (placed = new Map()));
			placed.set(callId, want.atMs);
			const w = this.windows.get(want.key)!;
			w.waits(callId, this.#at(w, want.atMs));
		}
	}

	/** ended / wrapup_ended: a consultant of the queue the call was served from completes it. */
	#handled(r: CallEventRow): void {
		const call = this.#calls.get(r.call_id);
		if (!call?.newest) return; // its queue entry was before our memory, or it never queued
		call.lastMs = Math.max(call.lastMs, r.ts_ms);
		const w = this.windows.get(call.newest.key)!;
		if (r.type === 'ended') {
			if (call.endedAtMs !== null) return;
			call.endedAtMs = r.ts_ms;
			call.talkHoldMs = r.talk_ms + r.hold_ms;
			this.#awaitingWrap.push(call);
		} else if (r.type === 'wrapup_ended' && !call.completed && call.endedAtMs !== null) {
			call.completed = true;
			w.completed(this.#at(w, r.ts_ms), (call.talkHoldMs + r.wrap_ms) / 1000);
		}
	}

	/** Callers waiting in a queue now, and since when (epoch ms): what the live boards show. */
	waitingIn(channel: string, topic: string): { waiting: number; oldestQueuedAt: number | null } {
		const placed = this.#placedAt.get(queueKey(channel, topic));
		let oldest: number | null = null;
		for (const at of placed?.values() ?? []) if (oldest === null || at < oldest) oldest = at;
		return { waiting: placed?.size ?? 0, oldestQueuedAt: oldest };
	}

	#answeredWait(key: string, atMs: number, waitMs: number): void {
		let list = this.#recent.get(key);
		if (!list) this.#recent.set(key, (list = []));
		list.push({ atMs, waitMs: Math.max(0, waitMs) });
		if (list.length > RECENT_KEPT) list.shift();
	}

	/**
	 * The waits (ms) of the last callers answered in a queue since `sinceMs`, newest first: a
	 * wait is from the caller's newest entry to his answer (a re-queued caller's wait, as counted).
	 */
	recentWaits(channel: string, topic: string, sinceMs: number): number[] {
		const list = this.#recent.get(queueKey(channel, topic)) ?? [];
		return list.filter((x) => x.atMs >= sinceMs).sort((a, b) => b.atMs - a.atMs).map((x) => x.waitMs);
	}

	/**
	 * Every caller waiting now by the one rule (the ones the windows count), oldest entry first:
	 * the supervisor's list. Announced wait: the latest one told after his newest entry.
	 */
	waitingCallers(): WaitingCaller[] {
		const out: WaitingCaller[] = [];
		for (const [key, placed] of this.#placedAt) {
			const slash = key.indexOf('/');
			for (const [callId, queuedAtMs] of placed) {
				const announced = this.#calls.get(callId)?.announced;
				const announcedS = announced && announced.atMs >= queuedAtMs ? announced.s : null;
				out.push({ channel: key.slice(0, slash), topic: key.slice(slash + 1), callId, queuedAtMs, announcedS });
			}
		}
		return out.sort((a, b) => a.queuedAtMs - b.queuedAtMs || (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0));
	}

	/**
	 * Sets the consultants serving each queue's topic, from `atMs` on (or the queue's latest
	 * time, if later). Staff is read as it is now, so it takes effect at the first event of a
	 * read; on the warm-up read, today's staff is assumed for the whole last hour.
	 */
	staffing(atMs: number, servingByTopic: (topic: string) => number): void {
		for (const [key, w] of this.windows) w.staffing(this.#at(w, atMs), servingByTopic(key.slice(key.indexOf('/') + 1)));
	}

	/**
	 * Completes calls whose wrap-up never came, drops callers waiting past WAIT_HORIZON_MS (at the
	 * moment they passed it, so no window moves ahead of events still to come) and forgets old calls.
	 */
	advance(nowMs: number): void {
		this.#completeUnwrapped(nowMs);
		for (const [key, w] of this.windows) {
			for (let o = w.oldest(); o && o.sinceS * 1000 < nowMs - WAIT_HORIZON_MS; o = w.oldest()) {
				w.left(o.callId, this.#at(w, o.sinceS * 1000 + WAIT_HORIZON_MS));
				const call = this.#calls.get(String(o.callId));
				this.#placedAt.get(key)?.delete(String(o.callId));
				if (call) {
					call.dropped = call.placed?.atMs ?? null;
					call.placed = null;
				}
			}
		}
		for (const [id, call] of this.#calls) {
			// A caller still placed was dropped above already: the horizon is shorter than the memory.
			if (nowMs - call.lastMs > CALL_MEMORY_MS) this.#calls.delete(id);
		}
	}

	#completeUnwrapped(nowMs: number): void {
		while (this.#awaitingHead < this.#awaitingWrap.length) {
			const call = this.#awaitingWrap[this.#awaitingHead]!;
			if (nowMs - call.endedAtMs! < WRAP_WAIT_MS) break;
			this.#awaitingHead++;
			if (call.completed || !call.newest) continue;
			call.completed = true;
			const w = this.windows.get(call.newest.key)!;
			w.completed(this.#at(w, call.endedAtMs! + WRAP_WAIT_MS), call.talkHoldMs / 1000);
		}
		if (this.#awaitingHead > 1024 && this.#awaitingHead * 2 > this.#awaitingWrap.length) {
			this.#awaitingWrap = this.#awaitingWrap.slice(this.#awaitingHead);
			this.#awaitingHead = 0;
		}
	}

	#at(w: TopicWindow, ms: number): number {
		return Math.max(ms / 1000, w.lastS);
	}
}
