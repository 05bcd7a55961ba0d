/**
 * The simulator's only source of randomness: sfc32 (Chris Doty-Humphrey's small fast counting
 * generator, 128-bit state, passes PractRand), seeded through splitmix32 from a list of integer
 * keys (seed, day, stream). Math.random is never used: the same seed must give the same centre.
 *
 * :TRICKY: streams are keyed by day so that a day's arrivals do not depend on where a run
 * started: simulating 2025 alone gives the same February callers as simulating 2016–2026.
 */

/** A uniform number in [0, 1). */
export type Rng = () => number;

/** Stream ids: one independent stream per purpose and day. */
export const STREAM = {
	arrivals: 1,
	staffing: 2,
	dynamics: 3,
	written: 4
} as const;

function splitmix32(state: number): () => number {
	let a = state | 0;
	return () => {
		a = (a + 0x9e3779b9) | 0;
		let t = a ^ (a >>> 16);
		t = Math.imul(t, 0x21f0aaad);
		t ^= t >>> 15;
		t = Math.imul(t, 0x735a2d97);
		return (t ^ (t >>> 15)) >>> 0;
	};
}

/** Mixes integer keys (any safe integers, negative ones too) into one 32-bit seed. */
function mixKeys(keys: readonly number[]): number {
	let h = 0x2545f491;
	for (const key of keys) {
		// Both halves of a key up to 2^53, so seeds above 2^32 still differ.
		const lo = key | 0;
		const hi = Math.floor(key / 4294967296) | 0;
		for (const part of [lo, hi]) {
			h = Math.imul(h ^ part, 0x9e3779b1);
			h ^= h >>> 15;
			h = Math.imul(h, 0x85ebca77);
			h ^= h >>> 13;
		}
	}
	return h;
}

/** A generator for the given keys; equal keys give equal sequences. */
export function createRng(...keys: number[]): Rng {
	if (keys.some((k) => !Number.isSafeInteger(k))) throw new RangeError(`random keys must be integers: ${keys.join(', ')}`);
	const seedWords = splitmix32(mixKeys(keys));
	let a = seedWords() | 0;
	let b = seedWords() | 0;
	let c = seedWords() | 0;
	let d = seedWords() | 0;
	const next: Rng = () => {
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	for (let i = 0; i < 12; i++) next();
	return next;
}
