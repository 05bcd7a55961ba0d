/**
 * Running sums over a sliding time window, kept in a ring of fixed-width buckets so that adding a
 * value or reading a sum costs O(1) (amortised: crossing into a new bucket clears one old one).
 *
 * The window is the current bucket plus the `buckets − 1` before it, so it spans between
 * (buckets − 1) × bucketS and buckets × bucketS seconds: a bucket leaves whole, never pro rata.
 * That granularity is why callers use ratios of two sums (completions ÷ seconds) rather than a sum
 * divided by a nominal window length.
 */
export class SlidingSums {
	readonly bucketS: number;
	readonly buckets: number;
	readonly fields: number;
	#slots: Float64Array;
	#totals: Float64Array;
	/** Absolute index (floor(t / bucketS)) of the newest bucket; -Infinity before the first value. */
	#head = -Infinity;

	constructor(windowS: number, bucketS: number, fields: number) {
		if (!(bucketS > 0) || !(windowS >= bucketS)) throw new RangeError(`need windowS ≥ bucketS > 0, got ${windowS}, ${bucketS}`);
		this.bucketS = bucketS;
		this.buckets = Math.ceil(windowS / bucketS);
		this.fields = fields;
		this.#slots = new Float64Array(this.buckets * fields);
		this.#totals = new Float64Array(fields);
	}

	/** Move the window so that time `atS` is in its newest bucket; time never goes back. */
	advance(atS: number): void {
		const index = Math.floor(atS / this.bucketS);
		if (index <= this.#head) return;
		if (this.#head === -Infinity || index - this.#head >= this.buckets) {
			this.#slots.fill(0);
			this.#totals.fill(0);
		} else {
			for (let b = this.#head + 1; b <= index; b++) {
				const base = (b % this.buckets) * this.fields;
				for (let f = 0; f < this.fields; f++) {
					this.#totals[f]! -= this.#slots[base + f]!;
					this.#slots[base + f] = 0;
				}
			}
		}
		this.#head = index;
	}

	/** Add `value` to `field` at time `atS` (which must not be before the last time seen). */
	add(atS: number, field: number, value: number): void {
		this.advance(atS);
		this.#put(this.#head, field, value);
	}

	/**
	 * Spread `ratePerS` × duration over [fromS, toS), bucket by bucket: the integral of a level
	 * that stayed constant over the interval (callers waiting, seconds with a queue).
	 */
	addSpread(fromS: number, toS: number, field: number, ratePerS: number): void {
		if (!(toS > fromS) || ratePerS === 0) {
			this.advance(toS);
			return;
		}
		this.advance(toS);
		// Only the part still inside the window matters; this also bounds the loop.
		const windowStart = (this.#head - this.buckets + 1) * this.bucketS;
		let t = Math.max(fromS, windowStart);
		while (t < toS) {
			const index = Math.floor(t / this.bucketS);
			const end = Math.min(toS, (index + 1) * this.bucketS);
			this.#put(index, field, ratePerS * (end - t));
			t = end;
		}
	}

	sum(field: number): number {
		// Subtracting cleared buckets can leave -1e-12 behind; a sum of non-negatives is ≥ 0.
		return Math.max(0, this.#totals[field]!);
	}

	#put(index: number, field: number, value: number): void {
		this.#slots[(index % this.buckets) * this.fields + field]! += value;
		this.#totals[field]! += value;
	}
}
