/**
 * One topic's queue, kept from call events, with the sliding-window measurements the estimators
 * need (estimators.ts). Every event is O(1) amortised: sums live in bucket rings (slidingSums.ts)
 * and waiting callers in an insertion-ordered Map, whose first entry is the oldest caller.
 *
 * Events must come in time order per topic. Times are seconds on any one clock.
 */
import type { QueueSnapshot } from './estimators.ts';
import { SlidingSums } from './slidingSums.ts';

export type TopicWindowOptions = {
	/**
	 * Window for the per-consultant service rate and for "recent" answers. It can be 15 minutes
	 * because the rate is per consultant serving (staffing changes act at once, not after the
	 * window); a shorter one leaves sμ too noisy at loads near 100%, where queues are brief.
	 */
	serviceWindowS?: number;
	/** Window for the abandonment rate θ: longer, since abandons are few and patience changes slowly. */
	abandonWindowS?: number;
	/** Window for the centre rule's average handle time: the last hour, as the centre reads it. */
	ahtWindowS?: number;
	/** Fewest completions in the service window before sμ is trusted. */
	minCompletions?: number;
};

export type StaffNow = { agentsServing: number; agentsIdle: number };

/** The topic's recent traffic, for staffing what-ifs (erlang.ts). */
export type TopicLoad = {
	/** Callers joining the queue per second over the abandonment window (30 minutes). */
	arrivalRatePerS: number;
	ahtS: number | null;
	/** θ: abandons per second of caller waiting; 0 when none. */
	abandonRatePerS: number;
	/** Seconds of traffic the rates rest on (less than the window just after a start). */
	observedS: number;
};

// Fields of the service window.
const COMPLETED = 0;
const COMPLETED_WHILE_QUEUE = 1;
/** Consultant-seconds (consultants serving × seconds) during which callers were waiting. */
const QUEUE_STAFF_SECONDS = 2;
const STAFF_SECONDS = 3;
// Fields of the abandonment window.
const ABANDONED = 0;
const CALLER_WAIT_SECONDS = 1;
const ARRIVED = 2;
// Fields of the handle-time window.
const HANDLE_SECONDS = 0;
const HANDLED = 1;

/** Below this many consultant-seconds with a queue (e.g. 100 consultants × 30 s), no rate. */
const MIN_QUEUE_STAFF_SECONDS = 3000;

export class TopicWindow {
	readonly serviceWindowS: number;
	readonly minCompletions: number;
	readonly abandonWindowS: number;
	#service: SlidingSums;
	#abandon: SlidingSums;
	#handle: SlidingSums;
	#waiting = new Map<string | number, number>();
	#lastS = -Infinity;
	#firstS = -Infinity;
	#lastAnsweredAtS = -Infinity;
	#lastAnsweredWaitS = 0;
	#serving = 0;

	constructor(options: TopicWindowOptions = {}) {
		this.serviceWindowS = options.serviceWindowS ?? 900;
		this.minCompletions = options.minCompletions ?? 10;
		this.#service = new SlidingSums(this.serviceWindowS, 10, 4);
		this.abandonWindowS = options.abandonWindowS ?? 1800;
		this.#abandon = new SlidingSums(this.abandonWindowS, 60, 3);
		this.#handle = new SlidingSums(options.ahtWindowS ?? 3600, 60, 2);
	}

	get waiting(): number {
		return this.#waiting.size;
	}

	/** Time of the latest event or snapshot: the window never goes back before it. */
	get lastS(): number {
		return this.#lastS;
	}

	/** Consultants serving the topic changed (login, logout, skill change); snapshot() also sets it. */
	staffing(atS: number, agentsServing: number): void {
		// A queue that has seen no event yet has no time to move to: the staff holds from its first.
		if (atS > -Infinity) this.#advance(atS);
		this.#serving = agentsServing;
	}

	queued(callId: string | number, atS: number): void {
		this.arrived(atS);
		this.#waiting.set(callId, atS);
	}

	/** A caller joined the queue but is not waiting in it (his exit was read first): an arrival only. */
	arrived(atS: number): void {
		this.#advance(atS);
		this.#abandon.add(atS, ARRIVED, 1);
	}

	/** A caller counted as arrived already starts waiting here (moved from another queue's entry). */
	waits(callId: string | number, atS: number): void {
		this.#advance(atS);
		this.#waiting.set(callId, atS);
	}

	/** The caller waiting longest, and since when (seconds); undefined when nobody waits. */
	oldest(): { callId: string | number; sinceS: number } | undefined {
		const first = this.#waiting.entries().next();
		return first.done ? undefined : { callId: first.value[0], sinceS: first.value[1] };
	}

	get oldestSinceS(): number | null {
		return this.oldest()?.sinceS ?? null;
	}

	/** `waitS` is used only when the caller's queued event was not seen (e.g. before a restart). */
	answered(callId: string | number, atS: number, waitS?: number): void {
		this.#advance(atS);
		const since = this.#waiting.get(callId);
		this.#waiting.delete(callId);
		const wait = since === undefined ? waitS : atS - since;
		if (wait === undefined) return;
		this.#lastAnsweredAtS = atS;
		this.#lastAnsweredWaitS = wait;
	}

	/** Left the queue without being answered and not out of impatience (timeout, callback, key). */
	left(callId: string | number, atS: number): void {
		this.#advance(atS);
		this.#waiting.delete(callId);
	}

	abandoned(callId: string | number, atS: number): void {
		this.#advance(atS);
		this.#waiting.delete(callId);
		this.#abandon.add(atS, ABANDONED, 1);
	}

	/** A consultant serving this topic finished a call (wrap-up included) of `handleS` seconds. */
	completed(atS: number, handleS: number): void {
		this.#advance(atS);
		this.#service.add(atS, COMPLETED, 1);
		// A completion with callers waiting is a completion by fully busy staff: that is sμ.
		if (this.#waiting.size > 0) this.#service.add(atS, COMPLETED_WHILE_QUEUE, 1);
		this.#handle.add(atS, HANDLE_SECONDS, handleS);
		this.#handle.add(atS, HANDLED, 1);
	}

	snapshot(atS: number, staff: StaffNow): QueueSnapshot {
		this.staffing(atS, staff.agentsServing);
		return this.#read(atS, staff);
	}

	/**
	 * The snapshot at `atS` (at or after the latest event) without moving the window there:
	 * for answering requests between event reads. Moving it would make events stored a moment
	 * later (with earlier times) land at the request's time. The sums are as of the latest
	 * event, a second or so old; the waits are measured to `atS`.
	 */
	peek(atS: number, staff: StaffNow): QueueSnapshot {
		return this.#read(Math.max(atS, this.#lastS), staff);
	}

	#read(atS: number, staff: StaffNow): QueueSnapshot {
		const first = this.#waiting.values().next();
		const handled = this.#handle.sum(HANDLED);
		const callerWait = this.#abandon.sum(CALLER_WAIT_SECONDS);
		return {
			ahead: this.#waiting.size,
			agentsServing: staff.agentsServing,
			agentsIdle: staff.agentsIdle,
			ahtS: handled > 0 ? this.#handle.sum(HANDLE_SECONDS) / handled : null,
			serviceRatePerS: this.#serviceRate(staff.agentsServing),
			abandonRatePerS: callerWait > 0 ? this.#abandon.sum(ABANDONED) / callerWait : 0,
			oldestWaitS: first.done ? null : atS - first.value,
			lastAnsweredWaitS: atS - this.#lastAnsweredAtS <= this.serviceWindowS ? this.#lastAnsweredWaitS : null
		};
	}

	/** Arrival rate, handle time and abandonment over the recent window, as of `atS`. */
	load(atS: number): TopicLoad {
		if (this.#lastS === -Infinity) return { arrivalRatePerS: 0, ahtS: null, abandonRatePerS: 0, observedS: 0 };
		this.#advance(atS);
		const observedS = this.#firstS === -Infinity ? 0 : Math.min(atS - this.#firstS, this.abandonWindowS);
		const handled = this.#handle.sum(HANDLED);
		const callerWait = this.#abandon.sum(CALLER_WAIT_SECONDS);
		return {
			// The ring drops whole minutes, so over a full window this is within one minute's share (~3%).
			arrivalRatePerS: observedS > 0 ? this.#abandon.sum(ARRIVED) / observedS : 0,
			ahtS: handled > 0 ? this.#handle.sum(HANDLE_SECONDS) / handled : null,
			abandonRatePerS: callerWait > 0 ? this.#abandon.sum(ABANDONED) / callerWait : 0,
			observedS
		};
	}

	/**
	 * sμ = completions per consultant-second, times the consultants serving now. Preferably
	 * counted while callers were waiting: then every consultant was busy, so the rate is capacity
	 * net of wrap-up, breaks and calls of other topics; counting idle seconds too would understate
	 * capacity whenever load is below 100%. With too little queued time, fall back to all
	 * completions per consultant-second (an underestimate, so the wait errs long); with too few
	 * completions, null. (Dividing by busy consultant-seconds instead, which needs every ready /
	 * not-ready change, measured no better in simulation.) A measured rate leans low exactly when
	 * a queue has built up by chance, so Erlang-A errs ~1–2 s long at 15 minutes of window.
	 */
	#serviceRate(servingNow: number): number | null {
		const queueStaffSeconds = this.#service.sum(QUEUE_STAFF_SECONDS);
		const whileQueue = this.#service.sum(COMPLETED_WHILE_QUEUE);
		if (queueStaffSeconds >= MIN_QUEUE_STAFF_SECONDS && whileQueue >= this.minCompletions) {
			return (whileQueue / queueStaffSeconds) * servingNow;
		}
		const staffSeconds = this.#service.sum(STAFF_SECONDS);
		const completed = this.#service.sum(COMPLETED);
		if (staffSeconds > 0 && completed >= this.minCompletions) return (completed / staffSeconds) * servingNow;
		return null;
	}

	/** Integrate the levels that held since the last event, then move every window to `atS`. */
	#advance(atS: number): void {
		if (atS < this.#lastS) throw new RangeError(`events out of order: ${atS} after ${this.#lastS}`);
		const from = this.#lastS === -Infinity ? atS : this.#lastS;
		if (this.#firstS === -Infinity) this.#firstS = atS;
		const queue = this.#waiting.size;
		this.#service.addSpread(from, atS, STAFF_SECONDS, this.#serving);
		this.#service.addSpread(from, atS, QUEUE_STAFF_SECONDS, queue > 0 ? this.#serving : 0);
		this.#abandon.addSpread(from, atS, CALLER_WAIT_SECONDS, queue);
		this.#handle.advance(atS);
		this.#lastS = atS;
	}
}
