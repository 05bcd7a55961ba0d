/**
 * The simulator against Erlang A in a scenario where Erlang A's assumptions hold: a fixed
 * arrival rate all day, a fixed number of consultants (no breaks, absences or chat), one queue,
 * exponential talk time with no hold or wrap-up, exponential patience, nobody calling again or
 * asking for a callback. Abandonment, service level and waits must then be the formula's.
 *
 * Tolerances: each day starts with an empty centre, so calls queued in the first and last hour
 * are left out; the rest (~80,000 calls over 28 working days per scenario) estimate P(abandon)
 * with a standard error of about 0.25 percentage points (measured as the spread of daily rates
 * over √28). We allow 1.2 points for P(abandon), 3 points for P(wait) and service level, and 10%
 * for the mean wait: about five standard errors, so a real modelling error (wrong routing, a
 * patience clock that starts late, a lost caller) fails while the seed's luck does not.
 */
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../ingest/simulator/context.ts';
import { dayIndexOf } from '../../../ingest/simulator/dayFrames.ts';
import { erlangA } from '../../../ingest/simulator/erlang.ts';
import type { SimParamsOverrides } from '../../../ingest/simulator/params.ts';
import { config, history } from './simHelpers.ts';

const ZEROS = new Array<number>(12).fill(0);

function stationary(agents: number, ahtS: number, patienceS: number, yearly: number): SimParamsOverrides {
	return {
		volume: { currentYear: 2026, yearly: { '2026': yearly }, repeatAllowance: 0 },
		topicShares: { pensions: 1, benefits: 0, contributions: 0, other: 0 },
		handling: {
			pensions: {
				talk: { kind: 'exponential', mean: ahtS },
				holdShare: 0,
				hold: { kind: 'fixed', value: 0 },
				wrap: { kind: 'fixed', value: 0 }
			}
		},
		// Daily volume in proportion to opening hours (Friday is 7¾ h): the same rate every hour.
		profile: { halfHour: new Array<number>(48).fill(1), weekday: [9, 9, 9, 9, 7.75, 1, 1], month: new Array<number>(12).fill(1), afterHoliday: 1, dailyNoiseCv: 0, fundEvents: [] },
		pandemic: { surge: [], nightService: [] },
		ivr: { callbackAcceptShare: 0 },
		callers: { patience: { kind: 'exponential', mean: patienceS }, shortAbandonShare: 0, repeatShare: 0 },
		afterHours: { requestShare: 0 },
		chat: { sinceYear: 9999 },
		email: { share: 0 },
		einquiry: { share: 0 },
		staffing: {
			fixedHeadcount: { panevezys: agents },
			sickShare: ZEROS,
			vacationShare: ZEROS,
			breaks: [],
			loginEarlyMaxMin: 0,
			skills: [{ topics: 'all', share: 1 }],
			sites: { siauliai: { openedOn: null } }
		}
	};
}

/** The yearly volume that gives `erlangs` of offered load at this handle time. */
function yearlyFor(erlangs: number, ahtS: number, probe: SimParamsOverrides): number {
	const ctx = createContext(config, 1, probe, 'probe');
	const monday = ctx.frames.byIndex(dayIndexOf('2026-03-02'));
	const perSecond = ctx.volume.expectedCalls(monday) / ((monday.close - monday.open) / 1000);
	return (1_000_000 * erlangs) / ahtS / perSecond;
}

describe('the simulator in a stationary scenario agrees with Erlang A', () => {
	it.each([
		// agents, AHT s, patience s, offered erlangs
		[30, 240, 180, 29], // ρ = 0.97: busy, a few percent give up
		[30, 240, 180, 34], // ρ = 1.13: overloaded, only abandonment keeps the queue finite
		[65, 240, 300, 60] // a bigger team, more patient callers
	])('%i agents, AHT %i s, patience %i s, %f erlangs', (agents, ahtS, patienceS, erlangs) => {
		const probe = stationary(agents, ahtS, patienceS, 1_000_000);
		const params = stationary(agents, ahtS, patienceS, yearlyFor(erlangs, ahtS, probe));
		const ctx = createContext(config, 1, params, 'probe');
		const contacts = history('2026-03-02T00:00:00+02:00', '2026-04-11T00:00:00+03:00', params).filter((c) => {
			const q = Date.parse(c.queued_at);
			const day = ctx.frames.at(q);
			return q >= day.open + 3_600_000 && q < day.close - 3_600_000;
		});
		expect(contacts.length).toBeGreaterThan(70_000);
		const n = contacts.length;
		const share = (f: (c: (typeof contacts)[number]) => boolean) => contacts.filter(f).length / n;
		const model = erlangA({ agents, arrivalRate: erlangs / ahtS, ahtS, patienceS });
		expect(Math.abs(share((c) => c.outcome === 'abandoned') - model.pAbandon)).toBeLessThan(0.012);
		expect(Math.abs(share((c) => c.wait_ms > 0) - model.pWait)).toBeLessThan(0.03);
		expect(Math.abs(share((c) => c.outcome === 'answered' && c.wait_ms <= 20_000) - model.serviceLevel(20))).toBeLessThan(0.03);
		const meanWaitS = contacts.reduce((a, c) => a + c.wait_ms, 0) / n / 1000;
		expect(Math.abs(meanWaitS / model.meanWaitS - 1)).toBeLessThan(0.1);
	});
});
