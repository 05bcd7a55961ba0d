/**
 * The estimated-wait scenarios with known truth, shared by tests/unit/ewt/simulation.test.ts
 * (which holds the estimators to the bar) and bench/ewt.ts (which prints the table over
 * longer runs). 100 consultants, AHT 5 min (sμ = 1/3 per second), mean patience 3 min.
 */
import type { AccuracyReport } from '../../../src/lib/server/ewt/accuracy.ts';
import { accuracy } from '../../../src/lib/server/ewt/accuracy.ts';
import type { CallerRecord, Estimates, Scenario } from './mmsSim.ts';
import { simulate } from './mmsSim.ts';

const AGENTS = 100;
const AHT_S = 300;
const PATIENCE_S = 180;
const CAPACITY = AGENTS / AHT_S;
const HOUR = 3600;

function steady(seed: number, load: number, patienceS: number, hours: number): Scenario {
	const rate = load * CAPACITY;
	return { seed, agents: AGENTS, ahtS: AHT_S, patienceS, arrivalRate: () => rate, maxArrivalRate: rate, warmupS: HOUR, durationS: (hours + 1) * HOUR };
}

/** A day in six-hour cycles: load by the hour 80%, 110%, 140%, 120%, 90%, 70%. */
const DAY_LOADS = [0.8, 1.1, 1.4, 1.2, 0.9, 0.7];
function day(seed: number, hours: number): Scenario {
	return {
		...steady(seed, 1.4, PATIENCE_S, hours),
		arrivalRate: (t) => DAY_LOADS[Math.floor(t / HOUR) % DAY_LOADS.length]! * CAPACITY
	};
}

export type Scored = Record<keyof Estimates, AccuracyReport>;
export function score(records: CallerRecord[]): Scored {
	const of = (k: keyof Estimates) => accuracy(records.map((r) => ({ estimateS: r.estimates[k], actualS: r.waitS, answered: r.answered })));
	return { centre: of('centre'), erlangA: of('erlangA'), headOfLine: of('headOfLine'), lastToEnter: of('lastToEnter') };
}

export const SCENARIO_NAMES = [
	'M/M/100 at 95%, nobody hangs up (seed 1)',
	'M/M/100+M at 110% (seed 2)',
	'M/M/100+M at 140% (seed 3)',
	'time-varying day 70–140% (seed 4)',
	'M/M/100 at 95%, 110 logged in (seed 5)'
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** The scenarios, each simulated for `hours` after a one-hour warm-up. */
export function scenarios(hours: number): Record<ScenarioName, Scenario> {
	return {
		'M/M/100 at 95%, nobody hangs up (seed 1)': steady(1, 0.95, Infinity, hours),
		'M/M/100+M at 110% (seed 2)': steady(2, 1.1, PATIENCE_S, hours),
		'M/M/100+M at 140% (seed 3)': steady(3, 1.4, PATIENCE_S, hours),
		'time-varying day 70–140% (seed 4)': day(4, hours),
		// 110 logged in, but 10 of them on a break or another topic at any time: the centre's rule
		// divides by 110, the measured sμ only sees the 100 who complete calls.
		'M/M/100 at 95%, 110 logged in (seed 5)': { ...steady(5, 0.95, Infinity, hours), agentsLoggedIn: 110 }
	};
}

export function runScenarios(hours: number): Record<ScenarioName, Scored> {
	const all = scenarios(hours);
	return Object.fromEntries(SCENARIO_NAMES.map((name) => [name, score(simulate(all[name]))])) as Record<ScenarioName, Scored>;
}

/** The table both print: MSE ratios against Erlang-A (> 1: Erlang-A better), bias, share within ±30 s. */
export function scenarioTable(results: Record<string, Scored>) {
	return Object.fromEntries(
		Object.entries(results).map(([name, r]) => [
			name,
			{
				callers: r.erlangA.scored + r.erlangA.abandoned,
				meanWaitS: +r.erlangA.meanWaitS.toFixed(1),
				'centre/A MSE': +(r.centre.mse / r.erlangA.mse).toFixed(2),
				'HOL/A MSE': +(r.headOfLine.mse / r.erlangA.mse).toFixed(2),
				'LES/A MSE': +(r.lastToEnter.mse / r.erlangA.mse).toFixed(2),
				'A bias': +r.erlangA.biasS.toFixed(2),
				'centre bias': +r.centre.biasS.toFixed(2),
				'A ±30s': +r.erlangA.within30s.toFixed(3),
				'centre ±30s': +r.centre.within30s.toFixed(3)
			}
		])
	);
}
