/**
 * The projection for the rest of the day agrees with a simulation of that day under the same
 * staff (issue #19): at 11:00 the forecast (history + today's running ratio) and Erlang A with
 * the consultants at work give the service level of 11:00–close; the simulator, run through
 * that day with those consultants, must land inside the band the forecast's 80 % interval gives.
 *
 * One topic, everyone serving it, no breaks or absences, exponential handling and patience (the
 * Erlang A assumptions), the day's arrival profile as usual: the quarter hours differ, so Erlang
 * A is applied interval by interval as the service does. The margin of 4 points is for the
 * queue carried from one quarter hour to the next, which the per-interval steady state ignores.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/lib/server/config/index.ts';
import { createContext } from '../../../ingest/simulator/context.ts';
import { dayIndexOf } from '../../../ingest/simulator/dayFrames.ts';
import { simulateHistory } from '../../../ingest/simulator/index.ts';
import type { SimParamsOverrides } from '../../../ingest/simulator/params.ts';
import { ForecastDays } from '../../../src/lib/server/forecast/days.ts';
import { correctedByToday, forecastDay, learnEffects } from '../../../src/lib/server/forecast/model.ts';
import { projectedDayServiceLevel, restInterval } from '../../../src/lib/server/forecast/rest.ts';
import { simulatedSeries } from '../../../bench/forecastData.ts';

const config = { ...loadConfig({}), fundCalendar: [] };
const ZEROS = new Array<number>(12).fill(0);
const AGENTS = 30;
const AHT_S = 240;
const PATIENCE_S = 300;

function centre(yearly: number): SimParamsOverrides {
	return {
		volume: { currentYear: 2026, yearly: { '2025': yearly, '2026': yearly }, repeatAllowance: 0 },
		topicShares: { pensions: 1, benefits: 0, contributions: 0, other: 0 },
		handling: { pensions: { talk: { kind: 'exponential', mean: AHT_S }, holdShare: 0, hold: { kind: 'fixed', value: 0 }, wrap: { kind: 'fixed', value: 0 } } },
		profile: { weekday: [9, 9, 9, 9, 7.75, 1, 1], month: new Array<number>(12).fill(1), afterHoliday: 1, fundEvents: [] },
		pandemic: { surge: [], nightService: [] },
		ivr: { callbackAcceptShare: 0 },
		callers: { patience: { kind: 'exponential', mean: PATIENCE_S }, shortAbandonShare: 0, repeatShare: 0 },
		afterHours: { requestShare: 0 },
		chat: { sinceYear: 9999 },
		email: { share: 0 },
		einquiry: { share: 0 },
		staffing: {
			fixedHeadcount: { panevezys: AGENTS },
			sickShare: ZEROS,
			vacationShare: ZEROS,
			breaks: [],
			loginEarlyMaxMin: 0,
			rosterFollowsVolume: 0,
			skills: [{ topics: 'all', share: 1 }],
			sites: { siauliai: { openedOn: null } }
		}
	};
}

/** The yearly volume that brings `erlangs` of load on an average hour of a weekday. */
function yearlyFor(erlangs: number): number {
	const probe = createContext(config, 1, centre(1_000_000), 'probe');
	const day = probe.frames.byIndex(dayIndexOf('2026-03-04'));
	const perSecond = probe.volume.expectedCalls(day) / ((day.close - day.open) / 1000);
	return (1_000_000 * erlangs) / AHT_S / perSecond;
}

describe('the rest of the day', () => {
	it.each([
		['2026-03-04', 5],
		['2026-03-12', 6],
		['2026-03-17', 7]
	])('%s: the projection at 11:00 holds the simulated service level of the rest of the day (seed %i)', (date, seed) => {
		const params = centre(yearlyFor(26));
		const data = simulatedSeries(config, '2025-01-05', '2026-03-20', seed, params);
		const days = new ForecastDays(config);
		const effects = learnEffects(data.total, days, days.configured(), date);
		const series = data.counts.get('pensions')!;
		const f = forecastDay(series, days, effects, date, date, { pooled: data.total });
		const slot = 44; // 11:00
		const now = correctedByToday(f, series.get(date)!, slot);
		const input = { agents: AGENTS, ahtS: AHT_S, patienceS: PATIENCE_S, targetS: 60, goal: 0.8 };
		const at = (scale: (s: { mean: number; lo: number; hi: number }) => number) =>
			projectedDayServiceLevel({ counted: 0, answeredInSl: 0 }, now.slots.slice(slot).map((s, i) => restInterval(slot + i, scale(s), input)));
		const projected = at((s) => s.mean)!;
		// The band: every remaining quarter hour at its interval's low or high end.
		const best = at((s) => s.lo)!;
		const worst = at((s) => s.hi)!;

		const from = Date.parse(`${date}T11:00:00+02:00`);
		let counted = 0;
		let inSl = 0;
		for (const line of simulateHistory({ config, seed, from: new Date(`${date}T00:00:00+02:00`), to: new Date(Date.parse(`${date}T00:00:00+02:00`) + 86_400_000), params })) {
			const c = JSON.parse(line) as { channel: string; queued_at: string; outcome: string; wait_ms: number };
			if (c.channel !== 'voice' || Date.parse(c.queued_at) < from) continue;
			counted++;
			if (c.outcome === 'answered' && c.wait_ms <= 60_000) inSl++;
		}
		const simulated = inSl / counted;
		expect(counted).toBeGreaterThan(1000);
		expect(worst).toBeLessThan(projected);
		expect(best).toBeGreaterThan(projected);
		expect(simulated).toBeGreaterThan(worst - 0.04);
		expect(simulated).toBeLessThan(best + 0.04);
	});
});
