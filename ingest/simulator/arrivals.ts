/**
 * Arrival instants of a non-homogeneous Poisson process whose rate is piecewise constant over
 * the half hours of a local day. Exact, not thinned: unit-exponential steps on the cumulative
 * intensity scale are mapped back to time, one logarithm per arrival.
 *
 * :TRICKY: half hours are counted from local midnight in real elapsed time, so on the two days a
 * year when the clocks change the slots after 03:00 are an hour off. Both are Sundays, when the
 * centre is closed; only after-hours callback requests are affected.
 */
import type { DayFrame } from './dayFrames.ts';
import type { Rng } from './random.ts';

const SLOT_MS = 30 * 60_000;

/** Weight × milliseconds of the half-hour profile inside [from, to) of the day. */
export function windowWeight(frame: DayFrame, weights: readonly number[], from: number, to: number): number {
	let sum = 0;
	for (let i = 0; i < 48; i++) {
		const a = Math.max(from, frame.start + i * SLOT_MS);
		const b = Math.min(to, i === 47 ? frame.end : frame.start + (i + 1) * SLOT_MS);
		if (b > a) sum += weights[i]! * (b - a);
	}
	return sum;
}

/**
 * Appends to `out` (in time order, whole milliseconds) the arrivals in the windows [from, to) of
 * the day, `perWeightMs` arrivals expected per unit of weight × millisecond.
 */
export function poissonArrivals(
	rng: Rng,
	frame: DayFrame,
	weights: readonly number[],
	windows: readonly (readonly [number, number])[],
	perWeightMs: number,
	out: number[]
): void {
	if (!(perWeightMs > 0)) return;
	let need = -Math.log(1 - rng());
	for (const [from, to] of windows) {
		for (let i = 0; i < 48; i++) {
			const a = Math.max(from, frame.start + i * SLOT_MS);
			const b = Math.min(to, i === 47 ? frame.end : frame.start + (i + 1) * SLOT_MS);
			if (b <= a) continue;
			const rate = weights[i]! * perWeightMs;
			if (rate <= 0) continue;
			let t = a;
			while (t + need / rate < b) {
				t += need / rate;
				out.push(Math.floor(t));
				need = -Math.log(1 - rng());
			}
			need -= (b - t) * rate;
		}
	}
}

/** The parts of the day when the queues are closed (after-hours requests, written traffic at night). */
export function closedWindows(frame: DayFrame): [number, number][] {
	if (frame.serviceOpen === 0) return [[frame.start, frame.end]];
	const out: [number, number][] = [];
	if (frame.serviceOpen > frame.start) out.push([frame.start, frame.serviceOpen]);
	if (frame.serviceClose < frame.end) out.push([frame.serviceClose, frame.end]);
	return out;
}
