/**
 * The forecast on simulated history with known arrival rates (the simulator's parameters are
 * the truth): it beats the naive baselines, and a payment day in the fund's calendar moves it
 * by the effect the history shows, not only by the configured guess.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/lib/server/config/index.ts';
import type { Config } from '../../../src/lib/server/config/schema.ts';
import { ForecastDays } from '../../../src/lib/server/forecast/days.ts';
import { forecastDay, learnEffects } from '../../../src/lib/server/forecast/model.ts';
import { simulatedSeries } from '../../../bench/forecastData.ts';
import { beatsBaselines, evaluate } from '../../../bench/forecastEval.ts';

const config = loadConfig({});
const PINNED = { volume: { currentYear: 2026 } };

describe('the forecast', () => {
	it('beats "same quarter hour last week" and "the last four weeks\' mean" for every topic at 1 day and 1 hour', () => {
		const data = simulatedSeries(config, '2024-12-01', '2026-03-02', 3, PINNED);
		const scores = evaluate(config, data, '2026-01-12', '2026-03-02');
		for (const s of scores.values()) {
			expect(s.day.mape).toBeLessThan(0.15);
			expect(Math.abs(s.day.bias)).toBeLessThan(0.05);
		}
		expect(beatsBaselines(scores)).toBe(true);
	});

	it('a payment day in the calendar moves the forecast by the effect learnt from history that has it', () => {
		// The truth: pension payment days bring 1.6× an ordinary day; the config guesses 1.3.
		const truth = config.fundCalendar.map((e) => (e.id === 'pension-payment' ? { ...e, effect: 1.6 } : e));
		const data = simulatedSeries(config, '2025-08-01', '2026-03-20', 4, { ...PINNED, profile: { fundEvents: truth } });
		const days = new ForecastDays(config);
		expect(days.info('2026-03-10').factors).toEqual(['pension-payment']);
		const effects = learnEffects(data.total, days, days.configured(), '2026-03-09');
		const pension = effects.get('pension-payment')!;
		expect(pension.learnt).toBe(true);
		expect(pension.effect).toBeGreaterThan(1.45);
		expect(pension.effect).toBeLessThan(1.75);
		// Tuesday 10 March (payment day) against Tuesday 17 March (ordinary), both forecast on 9 March.
		const s = data.counts.get('pensions')!;
		const pay = forecastDay(s, days, effects, '2026-03-10', '2026-03-09', { pooled: data.total }).total;
		const ordinary = forecastDay(s, days, effects, '2026-03-17', '2026-03-09', { pooled: data.total }).total;
		expect(pay / ordinary).toBeGreaterThan(1.45);
		expect(pay / ordinary).toBeLessThan(1.75);
		// Without the event in the calendar the day is forecast as an ordinary one.
		const none: Config = { ...config, fundCalendar: config.fundCalendar.filter((e) => e.id !== 'pension-payment') };
		const plain = new ForecastDays(none);
		const plainEffects = learnEffects(data.total, plain, plain.configured(), '2026-03-09');
		const unmoved = forecastDay(s, plain, plainEffects, '2026-03-10', '2026-03-09', { pooled: data.total }).total;
		expect(unmoved / ordinary).toBeLessThan(1.15);
	});
});
