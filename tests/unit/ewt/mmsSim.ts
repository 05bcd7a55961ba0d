/**
 * A small seeded M/M/s(+M) discrete-event simulator for scoring wait estimators against known
 * truth: Poisson arrivals (rate may step over the day, by thinning), exponential service,
 * exponential patience (Infinity: nobody hangs up), FIFO, every consultant serves the topic.
 *
 * For each caller arriving in [warmupS, durationS) it records every estimator's estimate from the
 * live state (TopicWindow fed with the simulated events, as production would be) and the caller's
 * actual outcome. Arrivals continue past durationS until every recorded caller is resolved.
 */
import { centreRule, estimateWait, headOfLine, lastToEnterService } from '../../../src/lib/server/ewt/estimators.ts';
import { TopicWindow } from '../../../src/lib/server/ewt/topicWindow.ts';
import type { TopicWindowOptions } from '../../../src/lib/server/ewt/topicWindow.ts';
import { seeded as seededRandom } from '../../helpers/random.ts';

export type Scenario = {
	seed: number;
	agents: number;
	/**
	 * Consultants the estimators are told are serving; defaults to `agents`. Set it higher to
	 * model logged-in consultants lost to breaks or other topics, which the centre's rule counts.
	 */
	agentsLoggedIn?: number;
	ahtS: number;
	/** Mean patience, seconds; Infinity for Erlang C callers. */
	patienceS: number;
	/** Arrivals per second at time t. */
	arrivalRate: (tS: number) => number;
	/** An upper bound of arrivalRate, for thinning. */
	maxArrivalRate: number;
	warmupS: number;
	durationS: number;
	window?: TopicWindowOptions;
	/**
	 * Called with every event in time order (consultants numbered 0..agents−1), so the same
	 * traffic can be sent to a running server (trafficEvents.ts); it draws no random numbers.
	 */
	onEvent?: (e: SimEvent) => void;
};

/** One happening of the simulation, seconds from its start. */
export type SimEvent =
	| { kind: 'arrival'; t: number; caller: number }
	| { kind: 'answer'; t: number; caller: number; agent: number; waitS: number; handleS: number }
	| { kind: 'complete'; t: number; caller: number; agent: number; handleS: number; agentFree: boolean }
	| { kind: 'abandon'; t: number; caller: number; waitS: number };

export type Estimates = { centre: number | null; erlangA: number | null; headOfLine: number | null; lastToEnter: number | null };
export type CallerRecord = {
	atS: number;
	/** Callers waiting when he arrived, and whether a consultant was free. */
	ahead: number;
	foundIdle: boolean;
	estimates: Estimates;
	answered: boolean;
	waitS: number;
};


const ARRIVAL = 0;
const COMPLETION = 1;
const ABANDON = 2;

/** Binary min-heap of events keyed by time. */
class EventHeap {
	#t: number[] = [];
	#kind: number[] = [];
	#data: number[] = [];

	get size(): number {
		return this.#t.length;
	}

	push(t: number, kind: number, data: number): void {
		const ts = this.#t;
		let i = ts.length;
		ts.push(t);
		this.#kind.push(kind);
		this.#data.push(data);
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (ts[p]! <= t) break;
			this.#swap(i, p);
			i = p;
		}
	}

	/** Remove the earliest event; the caller reads it first with peek*. */
	pop(): { t: number; kind: number; data: number } {
		const top = { t: this.#t[0]!, kind: this.#kind[0]!, data: this.#data[0]! };
		const last = this.#t.length - 1;
		this.#swap(0, last);
		this.#t.pop();
		this.#kind.pop();
		this.#data.pop();
		const ts = this.#t;
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let m = i;
			if (l < ts.length && ts[l]! < ts[m]!) m = l;
			if (r < ts.length && ts[r]! < ts[m]!) m = r;
			if (m === i) break;
			this.#swap(i, m);
			i = m;
		}
		return top;
	}

	#swap(i: number, j: number): void {
		for (const a of [this.#t, this.#kind, this.#data]) {
			const x = a[i]!;
			a[i] = a[j]!;
			a[j] = x;
		}
	}
}

export function simulate(sc: Scenario): CallerRecord[] {
	const random = seededRandom(sc.seed);
	const exp = (mean: number) => -Math.log(1 - random()) * mean;
	const loggedIn = sc.agentsLoggedIn ?? sc.agents;
	const window = new TopicWindow(sc.window);
	window.staffing(0, loggedIn);
	const heap = new EventHeap();
	const arrivedAt: number[] = [];
	const status: number[] = []; // 0 waiting, 1 answered, 2 abandoned
	const queue: number[] = [];
	let queueHead = 0;
	// Free consultants, by number: the last freed takes the next call.
	const free = Array.from({ length: sc.agents }, (_, i) => sc.agents - 1 - i);
	const agentOf: number[] = [];
	const serviceMs: number[] = [];
	const records = new Map<number, CallerRecord>();
	let unresolved = 0;
	const emit = sc.onEvent ?? (() => {});

	const startService = (id: number, t: number, agent: number) => {
		status[id] = 1;
		window.answered(id, t);
		const service = exp(sc.ahtS);
		agentOf[id] = agent;
		// The handle time, in milliseconds, to report it to the window at completion.
		serviceMs[id] = Math.round(service * 1000);
		emit({ kind: 'answer', t, caller: id, agent, waitS: t - arrivedAt[id]!, handleS: serviceMs[id] / 1000 });
		heap.push(t + service, COMPLETION, id);
		const rec = records.get(id);
		if (rec) {
			rec.answered = true;
			rec.waitS = t - arrivedAt[id]!;
			unresolved--;
		}
	};

	heap.push(exp(1 / sc.maxArrivalRate), ARRIVAL, 0);
	while (heap.size > 0) {
		const { t, kind, data } = heap.pop();
		if (kind === ARRIVAL) {
			if (t < sc.durationS || unresolved > 0) heap.push(t + exp(1 / sc.maxArrivalRate), ARRIVAL, 0);
			if (random() * sc.maxArrivalRate >= sc.arrivalRate(t)) continue;
			const id = arrivedAt.length;
			arrivedAt.push(t);
			status.push(0);
			emit({ kind: 'arrival', t, caller: id });
			const idle = free.length;
			if (t >= sc.warmupS && t < sc.durationS) {
				const snap = window.snapshot(t, { agentsServing: loggedIn, agentsIdle: idle });
				const estimates: Estimates = {
					centre: centreRule(snap),
					erlangA: estimateWait(snap)?.seconds ?? null,
					headOfLine: headOfLine(snap),
					lastToEnter: lastToEnterService(snap)
				};
				records.set(id, { atS: t, ahead: snap.ahead, foundIdle: idle > 0, estimates, answered: false, waitS: NaN });
				unresolved++;
			}
			window.queued(id, t);
			if (idle > 0) {
				startService(id, t, free.pop()!);
			} else {
				queue.push(id);
				if (sc.patienceS !== Infinity) heap.push(t + exp(sc.patienceS), ABANDON, id);
			}
		} else if (kind === COMPLETION) {
			window.completed(t, serviceMs[data]! / 1000);
			while (queueHead < queue.length && status[queue[queueHead]!] !== 0) queueHead++;
			const agent = agentOf[data]!;
			const next = queueHead < queue.length;
			emit({ kind: 'complete', t, caller: data, agent, handleS: serviceMs[data]! / 1000, agentFree: !next });
			if (next) startService(queue[queueHead++]!, t, agent);
			else free.push(agent);
		} else if (status[data] === 0) {
			status[data] = 2;
			window.abandoned(data, t);
			emit({ kind: 'abandon', t, caller: data, waitS: t - arrivedAt[data]! });
			const rec = records.get(data);
			if (rec) {
				rec.waitS = t - arrivedAt[data]!;
				unresolved--;
			}
		}
		if (t >= sc.durationS && unresolved === 0) break;
	}
	return [...records.values()];
}
