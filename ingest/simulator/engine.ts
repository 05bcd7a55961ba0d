/**
 * The discrete-event core: topic queues, consultants, the IVR, callbacks. It runs forward in
 * time and tells a sink what happened; the history sink turns that into finished contacts, the
 * live sink into lifecycle events. One engine for both, so the backfill and the live demo are
 * the same centre.
 *
 * Routing: each queue (a topic on voice, or on chat) is FIFO. A consultant who becomes free takes
 * the longest-waiting caller of the highest-priority queue he serves; a caller who arrives while
 * consultants are free goes to the one who has been free longest. Call-backs are made by voice
 * consultants the working day after the request, when none of their queues has a caller, and
 * first of all in the last `priorityBeforeCloseMin` minutes (they are due at close).
 */
import type { SimContext } from './context.ts';
import type { DayFrame } from './dayFrames.ts';
import { planCalls, planWritten } from './dayPlan.ts';
import { sampler, type Sampler } from './distributions.ts';
import { EventHeap } from './eventHeap.ts';
import {
	AGENT_BUSY,
	AGENT_IDLE,
	AGENT_NOT_READY,
	AGENT_OFF,
	CALL_AFTER_HOURS,
	CALL_VOICE,
	DONE,
	WAITING,
	type Agent,
	type CallbackRequest,
	type PendingBreak,
	type Shift,
	type SimCall
} from './model.ts';
import { createRng, STREAM, type Rng } from './random.ts';
import type { SimSink } from './sink.ts';

const EV_DAY = 0;
const EV_ARRIVAL = 1;
const EV_FREE = 2;
const EV_ABANDON = 3;
const EV_CALLBACK_KEY = 4;
const EV_LOGIN = 5;
const EV_BREAK = 6;
const EV_BREAK_END = 7;
const EV_SHIFT_END = 8;
const EV_OPEN = 9;

type BreakEvent = { agent: Agent } & PendingBreak;
type EventRef = DayFrame | SimCall | Agent | Shift | BreakEvent | null;

/** The longest the IVR will announce, seconds (with nobody serving a topic the rule divides by zero). */
const MAX_ANNOUNCED_S = 4 * 3600;
const REPEAT_NEXT_DAY_SPREAD_MS = 2 * 3600_000;

type Fifo = { head: SimCall | null; tail: SimCall | null; count: number };

export class Engine {
	readonly #ctx: SimContext;
	readonly #sink: SimSink;
	readonly #heap = new EventHeap<EventRef>();
	readonly #queues: Fifo[];
	/** Consultants logged in and not on a break, per queue: the IVR rule's divisor. */
	readonly #serving: Int32Array;
	readonly #ivrAhtMs: number[];
	readonly #chatQueues: number[];
	readonly #offerAboveS: number;
	readonly #acceptShare: number;
	readonly #shortMs: number;
	readonly #repeatShare: number;
	readonly #priorityMs: number;
	readonly #cbTalk: Sampler;
	readonly #cbWrap: Sampler;
	#idleHead: Agent | null = null;
	#idleTail: Agent | null = null;
	#arrivals: SimCall[] = [];
	#next = 0;
	#today: DayFrame;
	#dyn: Rng;
	#callbacks: CallbackRequest[] = [];
	#cbHead = 0;
	/** Time up to which the engine has run. */
	now: number;

	/** Starts empty at local midnight of the day `start` falls in. */
	constructor(ctx: SimContext, sink: SimSink, start: number) {
		this.#ctx = ctx;
		this.#sink = sink;
		const p = ctx.params;
		const n = ctx.topicIds.length;
		this.#queues = Array.from({ length: 2 * n }, () => ({ head: null, tail: null, count: 0 }));
		this.#serving = new Int32Array(2 * n);
		this.#ivrAhtMs = ctx.topicIds.map((id) => (p.ivr.ahtS[id] ?? 300) * 1000);
		this.#chatQueues = ctx.topicIds.map((_, i) => n + i);
		this.#offerAboveS = p.ivr.callbackOfferAboveS;
		this.#acceptShare = p.ivr.callbackAcceptShare;
		this.#shortMs = ctx.config.shortAbandonSeconds * 1000;
		this.#repeatShare = p.callers.repeatShare;
		this.#priorityMs = p.callbacks.priorityBeforeCloseMin * 60_000;
		this.#cbTalk = sampler(p.callbacks.talk);
		this.#cbWrap = sampler(p.callbacks.wrap);
		this.#today = ctx.frames.at(start);
		this.#dyn = createRng(ctx.seed, this.#today.index, STREAM.dynamics);
		this.now = this.#today.start;
		this.#heap.push(this.#today.start, EV_DAY, this.#today);
	}

	/** Processes every event up to and including `t`. */
	runUntil(t: number): void {
		const heap = this.#heap;
		for (;;) {
			const arrival = this.#next < this.#arrivals.length ? this.#arrivals[this.#next]! : null;
			const ta = arrival ? arrival.t : Infinity;
			const th = heap.peekTime();
			if (ta <= th) {
				if (ta > t) break;
				this.#next++;
				this.#arrive(arrival!, ta);
				continue;
			}
			if (th > t) break;
			const ref = heap.pop();
			const now = heap.time;
			switch (heap.kind) {
				case EV_DAY:
					this.#startDay(ref as DayFrame);
					break;
				case EV_ARRIVAL:
					this.#arrive(ref as SimCall, now);
					break;
				case EV_FREE:
					this.#afterWork(ref as Agent, now);
					break;
				case EV_ABANDON:
					this.#abandon(ref as SimCall, now);
					break;
				case EV_CALLBACK_KEY:
					this.#callbackKey(ref as SimCall, now);
					break;
				case EV_LOGIN:
					this.#login(ref as Shift, now);
					break;
				case EV_BREAK:
					this.#breakDue(ref as BreakEvent, now);
					break;
				case EV_BREAK_END:
					this.#addServing(ref as Agent, 1);
					this.#afterWork(ref as Agent, now);
					break;
				case EV_SHIFT_END:
					this.#shiftEnd(ref as Shift, now);
					break;
				case EV_OPEN:
					this.#open(now);
					break;
			}
		}
		if (t > this.now) this.now = t;
	}

	// --- Days -----------------------------------------------------------------------------------

	#startDay(frame: DayFrame): void {
		const ctx = this.#ctx;
		this.#today = frame;
		this.#dyn = createRng(ctx.seed, frame.index, STREAM.dynamics);
		const traffic = planCalls(ctx, frame);
		this.#arrivals = traffic.calls;
		this.#next = 0;
		for (const item of planWritten(ctx, frame)) this.#sink.written(item);
		for (const shift of ctx.staffing.planDay(frame, traffic.expectedChats)) {
			this.#heap.push(shift.login, EV_LOGIN, shift);
			for (const b of shift.breaks) this.#heap.push(b.at, EV_BREAK, { agent: shift.agent, ms: b.ms, reason: b.reason });
			this.#heap.push(shift.logout, EV_SHIFT_END, shift);
		}
		if (frame.working) this.#heap.push(frame.open, EV_OPEN, null);
		this.#heap.push(frame.end, EV_DAY, ctx.frames.byIndex(frame.index + 1));
	}

	/** At opening, consultants already logged in and idle start on the call-backs due today. */
	#open(t: number): void {
		for (let a = this.#idleHead; a !== null; ) {
			const next = a.idleNext;
			if (!a.chat && this.#callbackReady(t)) {
				this.#removeIdle(a);
				this.#serveCallback(a, t);
			}
			a = next;
		}
	}

	// --- Consultants ----------------------------------------------------------------------------

	#login(shift: Shift, t: number): void {
		const a = shift.agent;
		if (a.state !== AGENT_OFF) {
			// Still finishing the previous shift's last call: this shift continues it.
			a.ending = false;
			return;
		}
		a.chat = shift.chat;
		a.queues = shift.chat ? this.#chatQueues : a.skills;
		let mask = 0;
		for (const q of a.queues) mask |= 1 << q;
		a.mask = mask;
		a.ahtFactor = shift.ahtFactor;
		a.ending = false;
		a.breaks = [];
		a.state = AGENT_IDLE;
		this.#addServing(a, 1);
		if (this.#sink.wantsAgentStates) this.#sink.agentState(a, t, 'logged_in', undefined, this.#topicsOf(a));
		if (!this.#dispatch(a, t)) this.#goIdle(a, t);
	}

	#topicsOf(a: Agent): string[] {
		// :TRICKY: a chat consultant serves no phone topic; topics [] keeps him out of per-topic counts.
		return a.chat ? [] : a.skills.map((i) => this.#ctx.topicIds[i]!);
	}

	#breakDue(ev: BreakEvent, t: number): void {
		const a = ev.agent;
		if (a.state === AGENT_OFF || a.ending) return;
		if (a.state === AGENT_IDLE) {
			this.#removeIdle(a);
			this.#startBreak(a, ev.ms, ev.reason, t);
		} else {
			// On a call or already on a break: the break starts when he is free.
			a.breaks.push({ ms: ev.ms, reason: ev.reason });
		}
	}

	#startBreak(a: Agent, ms: number, reason: string, t: number): void {
		a.state = AGENT_NOT_READY;
		this.#addServing(a, -1);
		if (this.#sink.wantsAgentStates) this.#sink.agentState(a, t, 'not_ready', reason);
		this.#heap.push(t + ms, EV_BREAK_END, a);
	}

	#shiftEnd(shift: Shift, t: number): void {
		const a = shift.agent;
		if (a.state === AGENT_OFF) return;
		a.ending = true;
		if (a.state === AGENT_IDLE) {
			this.#removeIdle(a);
			this.#logout(a, t);
		}
	}

	#logout(a: Agent, t: number): void {
		a.state = AGENT_OFF;
		a.breaks.length = 0;
		this.#addServing(a, -1);
		if (this.#sink.wantsAgentStates) this.#sink.agentState(a, t, 'logged_out');
	}

	/** A consultant is free (call finished or break over): break, log out, next caller or idle. */
	#afterWork(a: Agent, t: number): void {
		if (a.ending) {
			// At closing the last consultants stay until the callers already queued are answered.
			if (t >= this.#today.serviceClose && this.#hasWaiting(a) && this.#dispatch(a, t)) return;
			this.#logout(a, t);
			return;
		}
		const pending = a.breaks.shift();
		if (pending) {
			this.#startBreak(a, pending.ms, pending.reason, t);
			return;
		}
		if (!this.#dispatch(a, t)) this.#goIdle(a, t);
	}

	#hasWaiting(a: Agent): boolean {
		for (const q of a.queues) if (this.#queues[q]!.count > 0) return true;
		return false;
	}

	#addServing(a: Agent, delta: number): void {
		for (const q of a.queues) this.#serving[q]! += delta;
	}

	#goIdle(a: Agent, t: number): void {
		a.state = AGENT_IDLE;
		a.idleNext = null;
		a.idlePrev = this.#idleTail;
		if (this.#idleTail) this.#idleTail.idleNext = a;
		else this.#idleHead = a;
		this.#idleTail = a;
		if (this.#sink.wantsAgentStates) this.#sink.agentState(a, t, 'available');
	}

	#removeIdle(a: Agent): void {
		if (a.idlePrev) a.idlePrev.idleNext = a.idleNext;
		else this.#idleHead = a.idleNext;
		if (a.idleNext) a.idleNext.idlePrev = a.idlePrev;
		else this.#idleTail = a.idlePrev;
		a.idlePrev = a.idleNext = null;
	}

	/** The free consultant who has been free longest and serves queue q. */
	#findIdle(q: number): Agent | null {
		const bit = 1 << q;
		for (let a = this.#idleHead; a !== null; a = a.idleNext) if (a.mask & bit) return a;
		return null;
	}

	/** Gives a free consultant his next piece of work; false when there is none. */
	#dispatch(a: Agent, t: number): boolean {
		const callbacks = !a.chat && !a.ending && this.#callbackReady(t);
		if (callbacks && t >= this.#today.close - this.#priorityMs) {
			this.#serveCallback(a, t);
			return true;
		}
		for (const q of a.queues) {
			const call = this.#queues[q]!.head;
			if (call) {
				this.#dequeue(call);
				this.#answer(call, a, t);
				return true;
			}
		}
		if (callbacks) {
			this.#serveCallback(a, t);
			return true;
		}
		return false;
	}

	// --- Calls ----------------------------------------------------------------------------------

	#arrive(call: SimCall, t: number): void {
		if (call.kind === CALL_AFTER_HOURS) {
			this.#requestCallback(call, t);
			return;
		}
		const q = call.queue;
		const free = this.#findIdle(q);
		if (free) {
			this.#removeIdle(free);
			this.#sink.queued(call);
			this.#answer(call, free, t);
			return;
		}
		const fifo = this.#queues[q]!;
		const voice = call.kind === CALL_VOICE;
		if (voice) {
			// The centre's rule: callers ahead × average handle time ÷ consultants serving the topic.
			const serving = this.#serving[q]!;
			const est = (fifo.count * this.#ivrAhtMs[q]!) / Math.max(1, serving) / 1000;
			call.announcedS = serving === 0 && fifo.count > 0 ? MAX_ANNOUNCED_S : Math.min(MAX_ANNOUNCED_S, Math.round(est));
		}
		call.state = WAITING;
		call.prev = fifo.tail;
		call.next = null;
		if (fifo.tail) fifo.tail.next = call;
		else fifo.head = call;
		fifo.tail = call;
		fifo.count++;
		this.#sink.queued(call);
		this.#heap.push(t + call.patienceMs, EV_ABANDON, call);
		if (voice && call.announcedS > this.#offerAboveS && call.uCallback < this.#acceptShare) {
			this.#heap.push(t + call.callbackKeyMs, EV_CALLBACK_KEY, call);
		}
	}

	#dequeue(call: SimCall): void {
		const fifo = this.#queues[call.queue]!;
		if (call.prev) call.prev.next = call.next;
		else fifo.head = call.next;
		if (call.next) call.next.prev = call.prev;
		else fifo.tail = call.prev;
		call.prev = call.next = null;
		fifo.count--;
		call.state = DONE;
	}

	#answer(call: SimCall, a: Agent, t: number): void {
		call.state = DONE;
		const talk = Math.round(call.talkMs * a.ahtFactor);
		const wrap = Math.round(call.wrapMs * a.ahtFactor);
		a.state = AGENT_BUSY;
		this.#sink.answered(call, a, t, talk, call.holdMs, wrap);
		this.#heap.push(t + talk + call.holdMs + wrap, EV_FREE, a);
	}

	#abandon(call: SimCall, t: number): void {
		if (call.state !== WAITING) return;
		this.#dequeue(call);
		this.#sink.abandoned(call, t);
		if (call.kind === CALL_VOICE && t - call.t >= this.#shortMs && call.uRepeat < this.#repeatShare) this.#repeat(call, t);
	}

	/** A caller who gave up calls again later, today if the queues are still open, else next working day. */
	#repeat(call: SimCall, t: number): void {
		const ctx = this.#ctx;
		let at = t + call.repeatDelayMs;
		if (at >= this.#today.serviceClose) {
			const next = ctx.frames.nextWorkingDay(this.#today.index);
			at = next.open + Math.floor(this.#dyn() * REPEAT_NEXT_DAY_SPREAD_MS);
		}
		this.#heap.push(at, EV_ARRIVAL, ctx.callers.voice(`${call.id}r`, at, call.topic, this.#dyn));
	}

	#callbackKey(call: SimCall, t: number): void {
		if (call.state !== WAITING) return;
		this.#dequeue(call);
		this.#requestCallback(call, t);
	}

	// --- Call-backs -----------------------------------------------------------------------------

	#requestCallback(call: SimCall, t: number): void {
		const frames = this.#ctx.frames;
		const day = t < this.#today.end ? this.#today : frames.at(t);
		const next = frames.nextWorkingDay(day.index);
		const cb: CallbackRequest = { callId: call.id, topic: call.topic, requestedAt: t, day: next.index, dueAt: next.close };
		this.#callbacks.push(cb);
		this.#sink.callbackRequested(call, t, cb);
	}

	#callbackReady(t: number): boolean {
		const today = this.#today;
		const head = this.#callbacks[this.#cbHead];
		return head !== undefined && head.day <= today.index && today.working && t >= today.open && t < today.close;
	}

	#serveCallback(a: Agent, t: number): void {
		const cb = this.#callbacks[this.#cbHead++]!;
		if (this.#cbHead > 4096 && this.#cbHead * 2 > this.#callbacks.length) {
			this.#callbacks = this.#callbacks.slice(this.#cbHead);
			this.#cbHead = 0;
		}
		const talk = Math.max(1000, Math.round(this.#cbTalk(this.#dyn) * 1000 * a.ahtFactor));
		const wrap = Math.round(this.#cbWrap(this.#dyn) * 1000 * a.ahtFactor);
		a.state = AGENT_BUSY;
		this.#sink.callbackDone(cb, a, t, talk, wrap);
		this.#heap.push(t + talk + wrap, EV_FREE, a);
	}
}
