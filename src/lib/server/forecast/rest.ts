/**
 * The rest of today for one topic's calls: with the consultants serving it now, what each
 * remaining quarter hour can expect by Erlang A (service level, mean wait, abandons), and how
 * many consultants each needs for the topic's goal. Patience is the estimator's own (calls that
 * gave up ÷ time callers spent waiting, the last hours), handle time the live window's.
 *
 * :TRICKY: consultants often serve several topics; like the staffing what-if, each topic is
 * modelled with all consultants who serve it, so the topics' needs are not to be added up.
 */
import { agentsNeeded, withStaff } from '../ewt/erlang.ts';

export type RestInput = {
	agents: number;
	ahtS: number;
	/** Mean patience, seconds; Infinity: Erlang C. */
	patienceS: number;
	targetS: number;
	goal: number;
};

export type RestInterval = {
	slot: number;
	expected: number;
	serviceLevel: number | null;
	meanWaitS: number | null;
	abandons: number | null;
	needed: number | null;
};

const Q_S = 900;

export function restInterval(slot: number, expected: number, input: RestInput): RestInterval {
	if (!(expected > 0)) return { slot, expected: 0, serviceLevel: null, meanWaitS: null, abandons: null, needed: 0 };
	const arrivalRate = expected / Q_S;
	const model = { arrivalRate, ahtS: input.ahtS, targetS: input.targetS, patienceS: input.patienceS };
	let needed: number | null = null;
	try {
		needed = input.goal > 0 && input.goal < 1 ? agentsNeeded({ ...model, goal: input.goal }).agents : null;
	} catch {
		needed = null;
	}
	if (input.agents <= 0) return { slot, expected, serviceLevel: 0, meanWaitS: null, abandons: Number.isFinite(input.patienceS) ? expected : null, needed };
	// Planned breaks make the staff an expected, fractional number (17.5: one of two is away half
	// the quarter hour): Erlang is read at the whole numbers around it and interpolated.
	const lo = Math.floor(input.agents);
	const hi = Math.ceil(input.agents);
	const w = input.agents - lo;
	const at = (n: number) => (n <= 0 ? { serviceLevel: 0, meanWaitS: Infinity, pAbandon: Number.isFinite(input.patienceS) ? 1 : 0 } : withStaff(n, model));
	const a = at(lo);
	const b = hi === lo ? a : at(hi);
	const mix = (x: number, y: number) => (w === 0 ? x : x + w * (y - x));
	const meanWaitS = Number.isFinite(a.meanWaitS) && Number.isFinite(b.meanWaitS) ? mix(a.meanWaitS, b.meanWaitS) : Infinity;
	return {
		slot,
		expected,
		serviceLevel: mix(a.serviceLevel, b.serviceLevel),
		meanWaitS: Number.isFinite(meanWaitS) ? meanWaitS : null,
		abandons: expected * mix(a.pAbandon, b.pAbandon),
		needed
	};
}

/**
 * The day's service level as it is likely to end: what was answered in time so far plus what the
 * remaining intervals are expected to answer in time, over all counted callers (offered less
 * short abandons, the metric's own definition).
 */
export function projectedDayServiceLevel(soFar: { counted: number; answeredInSl: number }, rest: RestInterval[]): number | null {
	let den = soFar.counted;
	let num = soFar.answeredInSl;
	for (const r of rest) {
		if (r.serviceLevel === null) continue;
		den += r.expected;
		num += r.expected * r.serviceLevel;
	}
	return den > 0 ? num / den : null;
}
