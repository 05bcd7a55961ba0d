/**
 * Special functions the queueing formulas and the samplers need: log-gamma and the regularized
 * incomplete gamma function. Written out here (Numerical Recipes, 3rd ed., §6.1–6.2) rather than
 * taken from a package: they are short, and the Erlang formulas need them in log form.
 */

const LANCZOS = [
	57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
	0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
	-0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4,
	-0.261908384015814087e-4, 0.368991826595316234e-5
];

/** ln Γ(x) for x > 0 (Lanczos, g = 607/128; relative error below 1e-15). */
export function logGamma(x: number): number {
	if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
	let y = x;
	const tmp = x + 5.2421875;
	const t = (x + 0.5) * Math.log(tmp) - tmp;
	let ser = 0.999999999999997092;
	for (const c of LANCZOS) ser += c / ++y;
	return t + Math.log((2.5066282746310005 * ser) / x);
}

/** Γ(x) for x > 0. */
export function gammaFn(x: number): number {
	return Math.exp(logGamma(x));
}

const EPS = 1e-16;
const TINY = 1e-300;

/**
 * ln of the series Σ_{j≥0} y^j / ((x+1)(x+2)…(x+j)), which converges fast when y < x + 1.
 * This is x·e^y·y^(−x)·γ(x, y), the "A(x, y)" of Mandelbaum and Zeltyn.
 */
function logSeriesA(x: number, y: number): number {
	let term = 1;
	let sum = 1;
	for (let j = 1; j < 10_000_000; j++) {
		term *= y / (x + j);
		sum += term;
		if (term < sum * EPS) break;
	}
	return Math.log(sum);
}

/** Q(x, y) = Γ(x, y)/Γ(x) by Lentz's continued fraction; converges fast when y > x + 1. */
function upperRegularizedCf(x: number, y: number): number {
	let b = y + 1 - x;
	let c = 1 / TINY;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < 10_000_000; i++) {
		const an = -i * (i - x);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < TINY) d = TINY;
		c = b + an / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const del = d * c;
		h *= del;
		if (Math.abs(del - 1) < EPS) break;
	}
	return Math.exp(-y + x * Math.log(y) - logGamma(x)) * h;
}

/** Regularized lower incomplete gamma P(x, y) = γ(x, y)/Γ(x), x > 0, y ≥ 0. */
export function lowerRegularizedGamma(x: number, y: number): number {
	if (y <= 0) return 0;
	if (y < x + 1) return Math.exp(logSeriesA(x, y) - Math.log(x) - y + x * Math.log(y) - logGamma(x));
	return 1 - upperRegularizedCf(x, y);
}

/**
 * ln A(x, y), A(x, y) = x·e^y·y^(−x)·γ(x, y) = 1 + Σ_{j≥1} y^j / Π_{k=1..j}(x + k).
 * :TRICKY: A overflows a double long before the queue is unusual (x = y = 800 is a centre of
 * 130 agents with 6-minute patience), so it is only ever handled as a logarithm.
 */
export function logA(x: number, y: number): number {
	if (y <= 0) return 0;
	if (y < x + 1) return logSeriesA(x, y);
	const q = upperRegularizedCf(x, y);
	return Math.log(x) + y - x * Math.log(y) + logGamma(x) + Math.log1p(-q);
}
