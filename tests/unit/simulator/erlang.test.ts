/**
 * Erlang B, C and A (ingest/simulator/erlang.ts) against published values, exact special cases
 * and an independent birth–death computation of the M/M/N+M queue.
 */
import { describe, expect, it } from 'vitest';
import { erlangA, erlangB, erlangC, erlangCAsa, erlangCServiceLevel, logErlangB } from '../../../ingest/simulator/erlang.ts';

/** Stationary M/M/N+M probabilities by the birth–death balance equations, truncated where negligible. */
function birthDeath(agents: number, lambda: number, ahtS: number, patienceS: number) {
	const mu = 1 / ahtS;
	const theta = 1 / patienceS;
	// Unnormalised, relative to state N (so nothing overflows for large N).
	const below: number[] = [1];
	for (let n = agents; n > 0; n--) below.push(below[below.length - 1]! * ((n * mu) / lambda));
	const above: number[] = [];
	let p = 1;
	for (let k = 1; k < 1_000_000; k++) {
		p *= lambda / (agents * mu + k * theta);
		above.push(p);
		if (p < 1e-18) break;
	}
	const total = below.reduce((a, b) => a + b, 0) + above.reduce((a, b) => a + b, 0);
	const pWait = (1 + above.reduce((a, b) => a + b, 0)) / total;
	const queue = above.reduce((a, q, i) => a + (i + 1) * q, 0) / total;
	return { pWait, pAbandon: (theta * queue) / lambda, meanWaitS: queue / lambda };
}

function poissonPmf(mean: number, k: number): number {
	let logP = -mean;
	for (let i = 1; i <= k; i++) logP += Math.log(mean / i);
	return Math.exp(logP);
}

describe('Erlang B and C', () => {
	it('the published worked example: 360 calls per 30 minutes, AHT 240 s, 55 agents', () => {
		// Traffic 48 erlangs; the worked example gives P(wait) 24%, ASA 8.2 s, service level 85% at 15 s, 87% at 20 s.
		const input = { agents: 55, arrivalRate: 360 / 1800, ahtS: 240 };
		expect(erlangC(55, 48)).toBeCloseTo(0.2387, 4);
		expect(erlangCServiceLevel(input, 15)).toBeGreaterThan(0.84);
		expect(erlangCServiceLevel(input, 15)).toBeLessThan(0.85);
		expect(erlangCServiceLevel(input, 20)).toBeCloseTo(0.8668, 3);
		expect(erlangCAsa(input)).toBeCloseTo(8.18, 2);
	});

	it.each([
		// Erlang B table: 10 lines offered 5 erlangs block 1.84%; one line blocks A/(1+A).
		[10, 5, 0.018385],
		[1, 2, 2 / 3],
		[2, 1, 0.2]
	])('Erlang B(%i agents, %f erlangs) = %f', (n, a, b) => {
		expect(erlangB(n, a)).toBeCloseTo(b, 5);
	});

	it('Erlang C matches M/M/1 (P(wait) = ρ) and M/M/2 (2ρ²/(1+ρ))', () => {
		expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
		expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
		// M/M/1 mean wait ρ/(μ − λ): AHT 60 s, λ = 0.01/s → 0.6/(1/60 − 0.01) = 90 s.
		expect(erlangCAsa({ agents: 1, arrivalRate: 0.01, ahtS: 60 })).toBeCloseTo(90, 9);
	});

	it('is finite and in range for a thousand agents (logs, not factorials)', () => {
		expect(Number.isFinite(logErlangB(1000, 100))).toBe(true);
		expect(erlangB(1000, 100)).toBe(0); // about e^-1000: a true zero in doubles, but its log is kept
		const c = erlangC(1000, 950);
		expect(c).toBeGreaterThan(0.01);
		expect(c).toBeLessThan(1);
		expect(erlangC(10, 12)).toBe(1);
	});
});

describe('Erlang A (Palm, Mandelbaum–Zeltyn)', () => {
	it.each([
		[10, 8 / 300, 300, 120],
		[55, 0.2, 240, 180],
		[34, 400 / 3600, 300, 180],
		[100, 0.5, 300, 180], // overloaded: 150 erlangs offered to 100 agents
		[250, 0.8, 300, 600]
	])('P(wait), P(abandon) and mean wait agree with the birth–death chain (N=%i, λ=%f/s, AHT %i s, patience %i s)', (n, lambda, aht, patience) => {
		const a = erlangA({ agents: n, arrivalRate: lambda, ahtS: aht, patienceS: patience });
		const b = birthDeath(n, lambda, aht, patience);
		expect(a.pWait).toBeCloseTo(b.pWait, 9);
		expect(a.pAbandon).toBeCloseTo(b.pAbandon, 9);
		expect(a.meanWaitS).toBeCloseTo(b.meanWaitS, 6);
	});

	it('with patience equal to the handle time it is M/M/∞: P(wait) = P(Poisson(A) ≥ N)', () => {
		// Everyone leaves at rate μ, waiting or served, so the number present is Poisson(A = 10).
		const a = erlangA({ agents: 10, arrivalRate: 1 / 60, ahtS: 600, patienceS: 600 });
		let below = 0;
		let excess = 0;
		for (let k = 0; k < 200; k++) {
			const p = poissonPmf(10, k);
			if (k < 10) below += p;
			else excess += (k - 10) * p;
		}
		expect(a.pWait).toBeCloseTo(1 - below, 10);
		expect(a.pAbandon).toBeCloseTo(excess / 10, 10);
	});

	it('reduces to Erlang C as patience grows without bound', () => {
		const input = { agents: 55, arrivalRate: 0.2, ahtS: 240 };
		for (const patienceS of [1e7, 1e9]) {
			const a = erlangA({ ...input, patienceS });
			expect(a.pWait).toBeCloseTo(erlangC(55, 48), 4);
			expect(a.serviceLevel(15)).toBeCloseTo(erlangCServiceLevel(input, 15), 4);
			expect(a.meanWaitS).toBeCloseTo(erlangCAsa(input), 2);
			expect(a.pAbandon).toBeLessThan(1e-5);
		}
		expect(erlangA({ ...input, patienceS: Infinity }).serviceLevel(15)).toBe(erlangCServiceLevel(input, 15));
	});

	it('service level runs from 1 − P(wait) at 0 s up to 1 − P(abandon), and is lower when callers give up sooner', () => {
		const input = { agents: 34, arrivalRate: 400 / 3600, ahtS: 300 };
		const a = erlangA({ ...input, patienceS: 180 });
		expect(a.serviceLevel(0)).toBeCloseTo(1 - a.pWait, 12);
		expect(a.serviceLevel(1e6)).toBeCloseTo(1 - a.pAbandon, 9);
		let last = 0;
		for (const t of [0, 5, 10, 20, 40, 60, 120, 300, 1200]) {
			const sl = a.serviceLevel(t);
			expect(sl).toBeGreaterThanOrEqual(last);
			last = sl;
		}
		// Fewer patient callers: more abandon, and abandons before the target count as missed.
		expect(erlangA({ ...input, patienceS: 60 }).pAbandon).toBeGreaterThan(a.pAbandon);
	});

	it('is stable for 1,000 agents near full load', () => {
		const a = erlangA({ agents: 1000, arrivalRate: 3.3, ahtS: 300, patienceS: 240 });
		for (const v of [a.pWait, a.pAbandon, a.serviceLevel(20)]) {
			expect(Number.isFinite(v)).toBe(true);
			expect(v).toBeGreaterThanOrEqual(0);
			expect(v).toBeLessThanOrEqual(1);
		}
		expect(a.pAbandon).toBeCloseTo(birthDeath(1000, 3.3, 300, 240).pAbandon, 9);
	});
});
