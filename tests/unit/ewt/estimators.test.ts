import { describe, expect, it } from 'vitest';
import type { QueueSnapshot } from '../../../src/lib/server/ewt/estimators.ts';
import { centreRule, erlangAWait, estimateWait, headOfLine, lastToEnterService } from '../../../src/lib/server/ewt/estimators.ts';

const busy: QueueSnapshot = {
	ahead: 9,
	agentsServing: 20,
	agentsIdle: 0,
	ahtS: 300,
	serviceRatePerS: 0.05,
	abandonRatePerS: 0.01,
	oldestWaitS: 75,
	lastAnsweredWaitS: 70
};

describe('the estimators', () => {
	it("the centre's rule: n ahead × AHT ÷ consultants serving", () => {
		expect(centreRule(busy)).toBe((9 * 300) / 20);
		expect(centreRule({ ...busy, agentsServing: 0 })).toBeNull();
		expect(centreRule({ ...busy, ahtS: null })).toBeNull();
		expect(centreRule({ ...busy, ahead: 0, agentsIdle: 2 })).toBe(0);
	});

	it('Erlang-A sum: (n + 1)/sμ without abandonment, less with it', () => {
		expect(erlangAWait(9, 0.05, 0)).toBeCloseTo(10 / 0.05, 10);
		const withAbandons = 1 / 0.05 + 1 / 0.06 + 1 / 0.07;
		expect(erlangAWait(2, 0.05, 0.01)).toBeCloseTo(withAbandons, 10);
	});

	it('head of line and last to enter service', () => {
		expect(headOfLine(busy)).toBe(75);
		expect(headOfLine({ ...busy, ahead: 0, oldestWaitS: null })).toBe(0);
		expect(lastToEnterService(busy)).toBe(70);
		expect(lastToEnterService({ ...busy, lastAnsweredWaitS: null })).toBeNull();
	});
});

describe('estimateWait: fallback order', () => {
	it('1. a ready consultant and nobody waiting: 0', () => {
		expect(estimateWait({ ...busy, ahead: 0, agentsIdle: 1 })).toEqual({ seconds: 0, basis: 'idle' });
	});

	it('2. Erlang-A when someone serves and sμ is measured', () => {
		expect(estimateWait(busy)).toEqual({ seconds: erlangAWait(9, 0.05, 0.01), basis: 'erlangA' });
	});

	it('3. last to enter service when nothing completed recently or nobody serves', () => {
		expect(estimateWait({ ...busy, serviceRatePerS: null })).toEqual({ seconds: 70, basis: 'lastToEnterService' });
		expect(estimateWait({ ...busy, agentsServing: 0 })).toEqual({ seconds: 70, basis: 'lastToEnterService' });
	});

	it('4. head of line when nobody was answered recently either', () => {
		expect(estimateWait({ ...busy, serviceRatePerS: null, lastAnsweredWaitS: null })).toEqual({ seconds: 75, basis: 'headOfLine' });
	});

	it('5. nothing known: no number', () => {
		expect(estimateWait({ ...busy, ahead: 0, serviceRatePerS: null, lastAnsweredWaitS: null, oldestWaitS: null })).toBeNull();
	});
});
