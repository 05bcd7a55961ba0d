/**
 * Distributions of durations (seconds) as plain data, so they can sit in the parameter object and
 * be overridden from a config file, and their samplers. Handle times in contact centres are
 * right-skewed with a long tail: lognormal or gamma fit them; exponential is kept for the
 * Erlang comparisons, where the formulas assume it.
 */
import { gammaFn } from './special.ts';
import type { Rng } from './random.ts';

export type Dist =
	| { kind: 'fixed'; value: number }
	| { kind: 'uniform'; min: number; max: number }
	| { kind: 'exponential'; mean: number }
	/** cv: standard deviation ÷ mean. */
	| { kind: 'lognormal'; mean: number; cv: number }
	/** shape k: 1 is exponential, larger is less spread (cv = 1/√k). */
	| { kind: 'gamma'; mean: number; shape: number }
	/** shape k: below 1 a falling hazard (impatient early, then patient), above 1 a rising one. */
	| { kind: 'weibull'; mean: number; shape: number };

export type Sampler = (rng: Rng) => number;

/** A standard normal variate (Box–Muller; the second value is dropped to keep streams simple). */
function normal(rng: Rng): number {
	const u = 1 - rng();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape < 1 through the u^(1/shape) boost. */
function standardGamma(rng: Rng, shape: number): number {
	if (shape < 1) return standardGamma(rng, shape + 1) * Math.pow(1 - rng(), 1 / shape);
	const d = shape - 1 / 3;
	const c = 1 / Math.sqrt(9 * d);
	for (;;) {
		let x: number;
		let v: number;
		do {
			x = normal(rng);
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		const u = 1 - rng();
		if (u < 1 - 0.0331 * x * x * x * x) return d * v;
		if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
	}
}

export function sampler(dist: Dist): Sampler {
	switch (dist.kind) {
		case 'fixed': {
			const { value } = dist;
			return () => value;
		}
		case 'uniform': {
			const { min, max } = dist;
			return (rng) => min + (max - min) * rng();
		}
		case 'exponential': {
			const { mean } = dist;
			return (rng) => -Math.log(1 - rng()) * mean;
		}
		case 'lognormal': {
			const sigma2 = Math.log(1 + dist.cv * dist.cv);
			const sigma = Math.sqrt(sigma2);
			const mu = Math.log(dist.mean) - sigma2 / 2;
			return (rng) => Math.exp(mu + sigma * normal(rng));
		}
		case 'gamma': {
			const { shape } = dist;
			const scale = dist.mean / shape;
			return (rng) => standardGamma(rng, shape) * scale;
		}
		case 'weibull': {
			const invShape = 1 / dist.shape;
			const scale = dist.mean / gammaFn(1 + invShape);
			return (rng) => scale * Math.pow(-Math.log(1 - rng()), invShape);
		}
	}
}

export function meanOf(dist: Dist): number {
	switch (dist.kind) {
		case 'fixed':
			return dist.value;
		case 'uniform':
			return (dist.min + dist.max) / 2;
		default:
			return dist.mean;
	}
}
