/**
 * npm run bench (forecast): on simulated years with known arrival rates, the forecast's error
 * per quarter hour against the simulator's rates, next to the two naive baselines, per topic at
 * horizons of 1 day and 1 hour (bench/forecastEval.ts says how). BENCH_FORECAST_MONTHS months
 * are scored (default 6), after 14 months of history; BENCH_SEED picks the seed.
 */
import { loadConfig } from '../src/lib/server/config/index.ts';
import { addDays } from '../src/lib/server/forecast/model.ts';
import { simulatedSeries } from './forecastData.ts';
import { beatsBaselines, evaluate } from './forecastEval.ts';

const config = loadConfig({});
const months = Number(process.env.BENCH_FORECAST_MONTHS ?? 6);
const seed = Number(process.env.BENCH_SEED ?? 1);
const scoreFrom = '2026-01-05';
const scoreTo = addDays(scoreFrom, Math.round(months * 30.44));
const started = Date.now();
const data = simulatedSeries(config, '2024-11-01', scoreTo, seed, { volume: { currentYear: 2026 } });
const scores = evaluate(config, data, scoreFrom, scoreTo);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`.padStart(8);
console.log(`\nForecast per 15 minutes vs the simulator's rates, voice, ${scoreFrom} – ${scoreTo} (seed ${seed}): MAPE (bias)`);
console.log(`${'topic'.padEnd(14)}${'1 day'.padStart(19)}${'1 hour'.padStart(19)}${'last week'.padStart(19)}${'4 weeks mean'.padStart(19)}`);
for (const [t, s] of scores) {
	const cell = (x: { mape: number; bias: number }) => `${pct(x.mape)} (${(100 * x.bias).toFixed(1).padStart(5)} %)`.padStart(19);
	console.log(`${t.padEnd(14)}${cell(s.day)}${cell(s.hour)}${cell(s.lastWeek)}${cell(s.fourWeeks)}`);
}
const ok = beatsBaselines(scores);
console.log(`${ok ? 'beats' : 'does NOT beat'} both baselines on MAPE for every topic at 1 day and 1 hour (${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (!ok) process.exitCode = 1;
