import { describe, expect, it } from 'vitest';
import { accuracy } from '../../../src/lib/server/ewt/accuracy.ts';

describe('accuracy of an estimator', () => {
	// Errors (estimate − actual) of the answered callers: +10, −20, 0, +40.
	const pairs = [
		{ estimateS: 60, actualS: 50, answered: true },
		{ estimateS: 100, actualS: 120, answered: true },
		{ estimateS: 0, actualS: 0, answered: true },
		{ estimateS: 250, actualS: 210, answered: true },
		// Abandons: censored, so outside the error metrics.
		{ estimateS: 300, actualS: 40, answered: false },
		{ estimateS: 30, actualS: 90, answered: false },
		// No number announced.
		{ estimateS: null, actualS: 500, answered: true }
	];
	const r = accuracy(pairs);

	it('scores answered callers with an estimate only', () => {
		expect(r.scored).toBe(4);
		expect(r.unestimated).toBe(1);
		expect(r.abandoned).toBe(2);
	});

	it('error metrics', () => {
		expect(r.mse).toBeCloseTo((100 + 400 + 0 + 1600) / 4, 10);
		expect(r.rmseS).toBeCloseTo(Math.sqrt(525), 10);
		expect(r.biasS).toBeCloseTo(30 / 4, 10);
		expect(r.maeS).toBeCloseTo(70 / 4, 10);
		expect(r.meanWaitS).toBeCloseTo(380 / 4, 10);
		expect(r.relativeSquaredError).toBeCloseTo(525 / 95 ** 2, 10);
	});

	it('shares within ±30 s and within ±20%', () => {
		// ±30 s: +10, −20, 0 are in; +40 is not.
		expect(r.within30s).toBeCloseTo(3 / 4, 10);
		// ±20%: 10 ≤ 10 (50 s), 20 ≤ 24 (120 s), exact 0, 40 ≤ 42 (210 s): all in.
		expect(r.within20pct).toBe(1);
	});

	it('abandons reported apart', () => {
		expect(r.abandonedMeanWaitS).toBe(65);
		expect(r.abandonedBeforeEstimate).toBe(0.5);
	});

	it('an all-exact estimator of zero waits has zero relative error, not NaN', () => {
		const zero = accuracy([{ estimateS: 0, actualS: 0, answered: true }]);
		expect(zero.mse).toBe(0);
		expect(zero.relativeSquaredError).toBe(0);
	});

	it('nothing scored gives NaN metrics rather than zeros that look perfect', () => {
		const none = accuracy([]);
		expect(none.scored).toBe(0);
		expect(Number.isNaN(none.mse)).toBe(true);
	});
});
