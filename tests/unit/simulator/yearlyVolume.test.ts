/**
 * Yearly volumes of the history generator against the configured curve, every year from ten
 * years before the current one to the current one (2016–2026 with the year pinned to 2026).
 *
 * Method, to stay within the test budget: each year is sampled, not generated whole (eleven whole
 * years are ~7 million contacts, ~20 s alone and twice that next to the other tests). For every
 * year six fortnights are generated, one every two months (84 days, a quarter of the year, every
 * season and weekday), each after two days of warm-up so repeat callers and call-backs carry in.
 * Voice contacts queued in the fortnights, over what the configured curve expects for those
 * same days, estimates the year's ratio to the curve. The days' expectations add up to the curve
 * exactly (first test), and a day's callers do not depend on where a run starts (history.test.ts),
 * so this ratio is what a whole year's count over the curve would be, up to sampling noise.
 *
 * Tolerance ±5% (the brief's): the estimate's own noise is under 1% (Poisson on 50,000+ calls,
 * and a day-to-day factor of cv 6% over ~60 working days); the rest is repeat callers, whom the
 * model adds in overloaded months (2024–25) on top of the 2% it takes off first attempts.
 */
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../ingest/simulator/context.ts';
import { dayIndexOf } from '../../../ingest/simulator/dayFrames.ts';
import { simulateHistory } from '../../../ingest/simulator/index.ts';
import { config, PINNED } from './simHelpers.ts';

const { volume, frames } = createContext(config, 1, PINNED, 'probe');

describe('yearly volumes follow the configured curve', () => {
	it('the curve runs from 200,000 ten years ago to 1,000,000 in the current year, and the days add up to it', () => {
		expect(volume.yearlyCalls(2016)).toBeCloseTo(200_000, 6);
		expect(volume.yearlyCalls(2026)).toBeCloseTo(1_000_000, 6);
		for (let y = 2017; y <= 2026; y++) expect(volume.yearlyCalls(y)).toBeGreaterThan(volume.yearlyCalls(y - 1));
		for (const y of [2016, 2019, 2022, 2026]) expect(volume.expectedYearlyCalls(y) / volume.yearlyCalls(y)).toBeCloseTo(1, 9);
		// The pandemic surge comes on top of the curve in 2020 and 2021.
		expect(volume.expectedYearlyCalls(2020) / volume.yearlyCalls(2020)).toBeGreaterThan(1.2);
		expect(volume.expectedYearlyCalls(2021) / volume.yearlyCalls(2021)).toBeGreaterThan(1.1);
	});

	it.each(Array.from({ length: 11 }, (_, i) => 2016 + i))('%i is within ±5% of it (six sampled fortnights)', (year) => {
		let counted = 0;
		let expected = 0;
		for (const month of [1, 3, 5, 7, 9, 11]) {
			const first = dayIndexOf(`${year}-${String(month).padStart(2, '0')}-08`);
			const from = frames.byIndex(first).start;
			const to = frames.byIndex(first + 14).start;
			for (let d = first; d < first + 14; d++) expected += volume.expectedCalls(frames.byIndex(d));
			const warmUp = frames.byIndex(first - 2).start;
			for (const line of simulateHistory({ config, seed: 11, from: new Date(warmUp), to: new Date(to), params: PINNED })) {
				if (!line.includes('"channel":"voice"')) continue;
				const at = line.indexOf('"queued_at":"') + 13;
				const queued = Date.parse(line.slice(at, at + 24));
				if (queued >= from) counted++;
			}
		}
		expect(expected).toBeGreaterThan(volume.yearlyCalls(year) * 0.2);
		expect(Math.abs(counted / expected - 1)).toBeLessThan(0.05);
	});
});
