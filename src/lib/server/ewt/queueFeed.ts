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
/** Calls are forgotten this long after their last event (a lost exit, a PBX restart). */
const CALL_MEMORY_MS = 4 * 3600_000;

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
};

/** A caller who joined a queue: the moment to compute and store every estimator for him. */
export type Arrival = { key: string; channel: string; topic: string; callId: string; atMs: number; simulated: boolean };

type CallMemory = {
	key: string;
	queuedAtMs: number;
	lastMs: number;
	/** Left the queue (answered, abandoned, …): a replayed exit must not count twice. */
	exited: boolean;
	endedAtMs: number | null;
	talkHoldMs: number;
	completed: boolean;
};

export const queueKey = (channel: string, topic: string) => `${channel}/${topic}`;

export class QueueFeed {
	readonly windows = new Map<string, TopicWindow>();
	#calls = new Map<string, CallMemory>();
	/** Calls ended and not yet wrapped up, in the order they ended (events come sorted). */
	#awaitingWrap: CallMemory[] = [];
	#awaitingHead = 0;
	#options: TopicWindowOptions;

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
	 * Applies events, which must be sorted by time. An event older than its window's latest
	 * (stored late, by another source) is taken at the window's latest time: a few seconds'
	 * distortion of one queue's sums, rather than a window that refuses to go on.
	 * `onArrival` is called for each queue entry, after the window took every earlier event.
	 */
	apply(rows: CallEventRow[], onArrival?: (a: Arrival, window: TopicWindow, atS: number) => void): void {
		for (const r of rows) {
			this.#completeUnwrapped(r.ts_ms);
			if (r.type === 'queued') {
				// Asterisk's queue_log names no channel: a PBX queue entry is a phone call.
				const channel = r.channel || 'voice';
				if (!(QUEUED_CHANNELS as readonly string[]).includes(channel) || r.topic === '') continue;
				const key = queueKey(channel, r.topic);
				// A replayed file or batch brings the same queue entry again (stored again, read again).
				if (this.#calls.get(r.call_id)?.queuedAtMs === r.ts_ms) continue;
				this.#calls.set(r.call_id, { key, queuedAtMs: r.ts_ms, lastMs: r.ts_ms, exited: false, endedAtMs: null, talkHoldMs: 0, completed: false });
				const w = this.window(channel, r.topic);
				const atS = this.#at(w, r.ts_ms);
				// The estimate is for the caller as he joins: everyone already waiting is ahead.
				onArrival?.({ key, channel, topic: r.topic, callId: r.call_id, atMs: r.ts_ms, simulated: r.simulated === 1 }, w, atS);
				w.queued(r.call_id, atS);
				continue;
			}
			const call = this.#calls.get(r.call_id);
			if (!call) continue; // its queue entry was before our memory, or it never queued
			call.lastMs = Math.max(call.lastMs, r.ts_ms);
			const w = this.windows.get(call.key)!;
			const atS = this.#at(w, r.ts_ms);
			const exit = r.type !== 'ended' && r.type !== 'wrapup_ended';
			if (exit && call.exited) continue;
			if (exit) call.exited = true;
			switch (r.type) {
				case 'answered':
					w.answered(r.call_id, atS, r.wait_ms > 0 ? r.wait_ms / 1000 : undefined);
					break;
				case 'abandoned':
					w.abandoned(r.call_id, atS);
					break;
				case 'timed_out':
				case 'left':
				case 'callback_requested':
				case 'closed_unknown':
					// Out of the queue, but not by losing patience: not an abandon for θ.
					w.left(r.call_id, atS);
					break;
				case 'ended':
					if (call.endedAtMs !== null) break;
					call.endedAtMs = r.ts_ms;
					call.talkHoldMs = r.talk_ms + r.hold_ms;
					this.#awaitingWrap.push(call);
					break;
				case 'wrapup_ended':
					if (!call.completed && call.endedAtMs !== null) {
						call.completed = true;
						w.completed(atS, (call.talkHoldMs + r.wrap_ms) / 1000);
					}
					break;
			}
		}
	}

	/**
	 * Sets the consultants serving each queue's topic, from `atMs` on (or the queue's latest
	 * time, if later). Staff is read as it is now, so it takes effect at the first event of a
	 * read; on the warm-up read, today's staff is assumed for the whole last hour.
	 */
	staffing(atMs: number, servingByTopic: (topic: string) => number): void {
		for (const [key, w] of this.windows) w.staffing(this.#at(w, atMs), servingByTopic(key.slice(key.indexOf('/') + 1)));
	}

	/** Moves every window to `nowMs` (completing calls whose wrap-up never came) and forgets old calls. */
	advance(nowMs: number): void {
		this.#completeUnwrapped(nowMs);
		for (const [id, call] of this.#calls) if (nowMs - call.lastMs > CALL_MEMORY_MS) this.#calls.delete(id);
	}

	#completeUnwrapped(nowMs: number): void {
		while (this.#awaitingHead < this.#awaitingWrap.length) {
			const call = this.#awaitingWrap[this.#awaitingHead]!;
			if (nowMs - call.endedAtMs! < WRAP_WAIT_MS) break;
			this.#awaitingHead++;
			if (call.completed) continue;
			call.completed = true;
			const w = this.windows.get(call.key)!;
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
