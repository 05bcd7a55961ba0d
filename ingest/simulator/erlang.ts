/**
 * Queueing formulas for staffing: Erlang B, Erlang C (M/M/N, callers never give up) and
 * Erlang A (M/M/N+M, Palm's queue with exponential patience, in the closed forms of Mandelbaum
 * and Zeltyn, "Service Engineering in Action: the Palm/Erlang-A Queue", 2007).
 *
 * Units: rates per second, times in seconds. "Traffic" is the offered load in erlangs,
 * arrival rate × average handle time. Everything is computed with recurrences or logarithms,
 * so 1,000 agents or a load of 900 erlangs is as safe as 3 agents.
 *
 * Service level here is what callboard's metric means (src/lib/metrics/definitions.ts): the share
 * of offered callers who are ANSWERED within the target. A caller who abandons before the
 * target counts as missed, not as met.
 */
import { logA } from './special.ts';

export type ErlangCInput = {
	agents: number;
	/** Calls per second. */
	arrivalRate: number;
	/** Average handle time (talk + hold + wrap-up), seconds. */
	ahtS: number;
};

export type ErlangAInput = ErlangCInput & {
	/** Mean patience of an exponentially patient caller, seconds (Infinity: Erlang C). */
	patienceS: number;
};

export type ErlangAResult = {
	/** Probability an arriving caller has to wait (finds every agent busy). */
	pWait: number;
	/** Probability a caller hangs up before being answered. */
	pAbandon: number;
	/** Mean wait of ALL callers (answered or not), seconds: callboard's avg_wait_s. */
	meanWaitS: number;
	/** Share of callers answered within `targetS` seconds. */
	serviceLevel: (targetS: number) => number;
};

/** ln(e^a + e^b) without overflow. */
function logAddExp(a: number, b: number): number {
	const m = Math.max(a, b);
	return m === -Infinity ? -Infinity : m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/**
 * ln of Erlang B, the blocking probability of N servers offered `traffic` erlangs, by the
 * recurrence 1/B(n) = 1 + (n/A)·1/B(n−1), carried in logs (B(1000, 100) is about 1e-600).
 */
export function logErlangB(agents: number, traffic: number): number {
	if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`agents must be a whole number ≥ 0, got ${agents}`);
	if (traffic <= 0) return agents === 0 ? 0 : -Infinity;
	const logTraffic = Math.log(traffic);
	let logInv = 0;
	for (let n = 1; n <= agents; n++) logInv = logAddExp(0, Math.log(n) - logTraffic + logInv);
	return -logInv;
}

/** Erlang B: the probability that every one of `agents` servers is busy (a lost call). */
export function erlangB(agents: number, traffic: number): number {
	return Math.exp(logErlangB(agents, traffic));
}

/** Erlang C: the probability that a caller waits, M/M/N with infinitely patient callers. */
export function erlangC(agents: number, traffic: number): number {
	if (traffic >= agents) return 1;
	const b = erlangB(agents, traffic);
	return b / (1 - (traffic / agents) * (1 - b));
}

/** Erlang C service level: share of callers answered within `targetS` seconds. */
export function erlangCServiceLevel(input: ErlangCInput, targetS: number): number {
	const { agents, ahtS } = input;
	const traffic = input.arrivalRate * ahtS;
	if (traffic >= agents) return 0;
	return 1 - erlangC(agents, traffic) * Math.exp((-(agents - traffic) * targetS) / ahtS);
}

/** Erlang C average speed of answer (mean wait, every caller is answered), seconds. */
export function erlangCAsa(input: ErlangCInput): number {
	const { agents, ahtS } = input;
	const traffic = input.arrivalRate * ahtS;
	if (traffic >= agents) return Infinity;
	return (erlangC(agents, traffic) * ahtS) / (agents - traffic);
}

/**
 * Erlang A (M/M/N+M). With x = Nμ/θ, y = λ/θ, ρ = λ/(Nμ), E = Erlang B(N, λ/μ) and
 * A(x, y) = x·e^y·y^(−x)·γ(x, y) (γ the lower incomplete gamma function):
 *   P(wait)           = A·E / (1 + (A − 1)·E)
 *   P(abandon | wait) = 1/(ρA) + 1 − 1/ρ
 *   mean wait         = P(abandon)/θ          (θ·E[W] = P(abandon) for exponential patience)
 * For the service level: a caller who waits and finds k ahead (P(k) ∝ y^k/Π(x+i)) would be
 * answered after k+1 exponential stages of rates θ(x+k), …, θx; mixing the Laplace transforms
 * over k gives the density of that virtual wait V, given a wait, in closed form:
 *   f(s) = (Nμ/A(x, y))·exp(−Nμ·s + y·(1 − e^(−θs)))
 * and a caller is answered within t when V ≤ t and V comes before his patience runs out:
 *   ∫₀ᵗ f(s)·e^(−θs) ds = (1/ρ)(1 − 1/A(x, y))
 *                        − x/((x+1)·A(x, y)) · A(x+1, y') · exp(y − y' − θ(x+1)t),  y' = y·e^(−θt).
 * (As θ → 0 this is Erlang C's 1 − C·e^(−(N−a)t/AHT); tests/unit/simulator/erlang.test.ts
 * checks that, the M/M/∞ case θ = μ, and the simulator against all of it.)
 */
export function erlangA(input: ErlangAInput): ErlangAResult {
	const { agents, arrivalRate: lambda, ahtS, patienceS } = input;
	if (!(patienceS > 0)) throw new RangeError(`patienceS must be positive, got ${patienceS}`);
	const traffic = lambda * ahtS;
	if (patienceS === Infinity) {
		if (traffic >= agents) throw new RangeError('Erlang C (infinite patience) has no steady state at traffic ≥ agents');
		const pWait = erlangC(agents, traffic);
		return {
			pWait,
			pAbandon: 0,
			meanWaitS: erlangCAsa(input),
			serviceLevel: (t) => erlangCServiceLevel(input, t)
		};
	}
	const mu = 1 / ahtS;
	const theta = 1 / patienceS;
	const x = (agents * mu) / theta;
	const y = lambda / theta;
	const rho = lambda / (agents * mu);
	const logAxy = logA(x, y);
	const logE = logErlangB(agents, traffic);
	// P(wait) = 1 / (1 + (1 − E)/(A·E)), in logs: A·E over- or underflows at either extreme.
	const pWait = logE === -Infinity ? 0 : 1 / (1 + Math.exp(Math.log1p(-Math.exp(logE)) - logAxy - logE));
	// 1 − 1/A without cancellation when A is close to 1 (lightly loaded).
	const oneMinusInvA = -Math.expm1(-logAxy);
	const pAbandonGivenWait = agents === 0 ? 1 : Math.max(0, 1 - oneMinusInvA / rho);
	const pAbandon = pWait * pAbandonGivenWait;
	const logX = Math.log(x);
	const logX1 = Math.log(x + 1);
	return {
		pWait,
		pAbandon,
		meanWaitS: pAbandon / theta,
		serviceLevel(targetS: number): number {
			if (targetS <= 0) return 1 - pWait;
			const yLeft = y * Math.exp(-theta * targetS);
			const late = Math.exp(logX - logX1 - logAxy + logA(x + 1, yLeft) + y - yLeft - theta * (x + 1) * targetS);
			const answeredInTime = Math.max(0, 1 - pAbandonGivenWait - late);
			return 1 - pWait + pWait * answeredInTime;
		}
	};
}
