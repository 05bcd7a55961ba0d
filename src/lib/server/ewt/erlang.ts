/**
 * Staffing what-ifs for the wait estimate's dashboard, on top of the Erlang C and Erlang A
 * formulas in ingest/simulator/erlang.ts (tested there; not repeated here).
 *
 * Service level means what callboard's metric means: share of offered callers ANSWERED within
 * the target (an abandon before the target is a miss).
 */
import { erlangA, erlangC, erlangCAsa, erlangCServiceLevel } from '../../../../ingest/simulator/erlang.ts';

export { erlangA, erlangC, erlangCAsa, erlangCServiceLevel };

export type StaffingInput = {
	/** Calls per second. */
	arrivalRate: number;
	ahtS: number;
	targetS: number;
	/** Wanted service level, 0–1 (e.g. 0.8 for 80% in `targetS`). */
	goal: number;
	/** Mean patience for Erlang A, seconds; Infinity or absent: Erlang C. */
	patienceS?: number;
};

export type StaffOutcome = {
	agents: number;
	serviceLevel: number;
	/** Mean wait of all callers, seconds (Infinity when Erlang C has no steady state). */
	meanWaitS: number;
	pWait: number;
	pAbandon: number;
	/** Offered load ÷ agents; above 1 only Erlang A has an answer (callers hang up). */
	loadPerAgent: number;
};

/** Service level and waits expected with `agents` consultants. */
export function withStaff(agents: number, input: Omit<StaffingInput, 'goal'>): StaffOutcome {
	const traffic = input.arrivalRate * input.ahtS;
	const patienceS = input.patienceS ?? Infinity;
	const loadPerAgent = agents > 0 ? traffic / agents : Infinity;
	if (patienceS === Infinity && traffic >= agents) {
		return { agents, serviceLevel: 0, meanWaitS: Infinity, pWait: 1, pAbandon: 0, loadPerAgent };
	}
	const r = erlangA({ agents, arrivalRate: input.arrivalRate, ahtS: input.ahtS, patienceS });
	return { agents, serviceLevel: r.serviceLevel(input.targetS), meanWaitS: r.meanWaitS, pWait: r.pWait, pAbandon: r.pAbandon, loadPerAgent };
}

/**
 * Fewest consultants whose service level reaches the goal. Erlang C needs more than the offered
 * load; Erlang A can be satisfied below it because impatient callers leave. Service level grows
 * with staff, so a linear search from the lower bound stops at the answer; it gives up (throws)
 * past load + 50·√load + 100, where no goal below 1 can still be missed.
 */
export function agentsNeeded(input: StaffingInput): StaffOutcome {
	if (!(input.goal > 0 && input.goal < 1)) throw new RangeError(`goal must be between 0 and 1, got ${input.goal}`);
	const traffic = input.arrivalRate * input.ahtS;
	const erlangCase = (input.patienceS ?? Infinity) === Infinity;
	const limit = Math.ceil(traffic + 50 * Math.sqrt(traffic) + 100);
	for (let agents = erlangCase ? Math.floor(traffic) + 1 : 1; agents <= limit; agents++) {
		const outcome = withStaff(agents, input);
		if (outcome.serviceLevel >= input.goal) return outcome;
	}
	throw new RangeError(`no staffing up to ${limit} agents reaches ${input.goal}`);
}
