/**
 * Staffing what-ifs (src/lib/server/ewt/erlang.ts) on the published worked example: 360 calls per
 * 30 minutes, AHT 240 s (48 erlangs), target 15 s. The example gives 55 agents → P(wait) 24%,
 * ASA 8.2 s, service level 84–85%; 54 agents fall short of 80%.
 */
import { describe, expect, it } from 'vitest';
import { agentsNeeded, withStaff } from '../../../src/lib/server/ewt/erlang.ts';

const example = { arrivalRate: 360 / 1800, ahtS: 240, targetS: 15 };

describe('staffing what-if, Erlang C', () => {
	it('55 agents give the published 84–85% in 15 s and an ASA of 8.2 s', () => {
		const r = withStaff(55, example);
		expect(r.serviceLevel).toBeGreaterThan(0.84);
		expect(r.serviceLevel).toBeLessThan(0.85);
		expect(r.meanWaitS).toBeCloseTo(8.18, 2);
		expect(r.pWait).toBeCloseTo(0.2387, 4);
		expect(r.loadPerAgent).toBeCloseTo(48 / 55, 10);
	});

	it('80% in 15 s needs 55 agents (54 give 79.3%); 80% in 20 s needs 54', () => {
		expect(agentsNeeded({ ...example, goal: 0.8 }).agents).toBe(55);
		expect(withStaff(54, example).serviceLevel).toBeCloseTo(0.7929, 3);
		expect(agentsNeeded({ ...example, targetS: 20, goal: 0.8 }).agents).toBe(54);
	});

	it('at or above the offered load Erlang C has no steady state: service level 0, endless wait', () => {
		const r = withStaff(48, example);
		expect(r.serviceLevel).toBe(0);
		expect(r.meanWaitS).toBe(Infinity);
	});

	it('rejects a goal that is not a share strictly between 0 and 1', () => {
		expect(() => agentsNeeded({ ...example, goal: 1 })).toThrow(RangeError);
		expect(() => agentsNeeded({ ...example, goal: 0 })).toThrow(RangeError);
	});
});

describe('staffing what-if, Erlang A (callers with 3 minutes mean patience)', () => {
	const impatient = { ...example, patienceS: 180 };

	it('needs fewer agents than Erlang C, because impatient callers leave the queue', () => {
		const r = agentsNeeded({ ...impatient, goal: 0.8 });
		expect(r.agents).toBe(51);
		expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
		expect(withStaff(50, impatient).serviceLevel).toBeLessThan(0.8);
		expect(r.pAbandon).toBeGreaterThan(0);
	});

	it('still answers below the offered load, where Erlang C cannot', () => {
		const r = withStaff(45, impatient);
		expect(r.loadPerAgent).toBeGreaterThan(1);
		expect(Number.isFinite(r.meanWaitS)).toBe(true);
		expect(r.serviceLevel).toBeGreaterThan(0);
		expect(r.serviceLevel).toBeLessThan(withStaff(51, impatient).serviceLevel);
	});

	it('with infinite patience equals Erlang C', () => {
		expect(withStaff(55, { ...example, patienceS: Infinity }).serviceLevel).toBeCloseTo(withStaff(55, example).serviceLevel, 12);
	});
});
