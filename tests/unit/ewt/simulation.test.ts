/**
 * The estimators against known truth: M/M/100(+M) queues simulated by mmsSim.ts, every caller
 * given each estimator's number from the live TopicWindow state, scored on answered callers
 * (accuracy.ts). 100 consultants, AHT 5 min (sμ = 1/3 per second), mean patience 3 min.
 * 40 simulated hours after a 1-hour warm-up per scenario (≈45–65 thousand callers, ~0.1 s each);
 * seeds fixed. Across seeds 1–5 the ratios moved by under ±5%.
 */
import { describe, expect, it } from 'vitest';
import { runScenarios, scenarioTable } from './scenarios.ts';

const results = runScenarios(40);

// The figures the report quotes; printed so a change in them is seen, not only a pass or fail.
console.table(scenarioTable(results));

const overloaded = ['M/M/100+M at 110% (seed 2)', 'M/M/100+M at 140% (seed 3)', 'time-varying day 70–140% (seed 4)'] as const;

describe('Erlang-A estimator against the centre rule and head of line, simulated', () => {
	it('every caller after warm-up got a number from every estimator', () => {
		for (const r of Object.values(results)) {
			expect(r.erlangA.unestimated).toBe(0);
			expect(r.centre.unestimated).toBe(0);
			expect(r.erlangA.scored).toBeGreaterThan(30_000);
		}
	});

	it.each(overloaded)('%s: lower MSE than the centre rule and head of line, |bias| ≤ 5 s', (name) => {
		const r = results[name];
		expect(r.centre.mse).toBeGreaterThan(r.erlangA.mse);
		expect(r.headOfLine.mse).toBeGreaterThan(r.erlangA.mse);
		expect(r.lastToEnter.mse).toBeGreaterThan(r.erlangA.mse);
		expect(Math.abs(r.erlangA.biasS)).toBeLessThanOrEqual(5);
	});

	it('at 140%: at least 1.5× lower MSE than both, and with a mean wait near a minute ≥ 90% within ±30 s', () => {
		const r = results['M/M/100+M at 140% (seed 3)'];
		expect(r.centre.mse / r.erlangA.mse).toBeGreaterThanOrEqual(1.5);
		expect(r.headOfLine.mse / r.erlangA.mse).toBeGreaterThanOrEqual(1.5);
		expect(r.erlangA.meanWaitS).toBeGreaterThan(45);
		expect(r.erlangA.meanWaitS).toBeLessThan(75);
		expect(r.erlangA.within30s).toBeGreaterThanOrEqual(0.9);
	});

	it('at 95% without abandonment: unbiased and ≥ 90% within ±30 s, better than head of line', () => {
		// Not overloaded, so no claim against the centre rule: in this simulation the rule knows
		// the exact AHT and staff, and it wins by ~15% (see the table) against a measured sμ.
		const r = results['M/M/100 at 95%, nobody hangs up (seed 1)'];
		expect(Math.abs(r.erlangA.biasS)).toBeLessThanOrEqual(5);
		expect(r.erlangA.within30s).toBeGreaterThanOrEqual(0.9);
		expect(r.headOfLine.mse).toBeGreaterThan(r.erlangA.mse);
	});

	it('consultants logged in but not serving: the measured rate absorbs them, the centre rule errs short', () => {
		// Only the bias is claimed: at 95% load the rule's ~5 s short bias still leaves its MSE a
		// little below Erlang-A's (ratio ~0.95 in the table), whose measured sμ is noisy there.
		const r = results['M/M/100 at 95%, 110 logged in (seed 5)'];
		expect(r.centre.biasS).toBeLessThan(-3);
		expect(Math.abs(r.erlangA.biasS)).toBeLessThanOrEqual(5);
	});
});
