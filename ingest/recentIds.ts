/**
 * A bounded set of recently seen ids, for counting redeliveries. Two generations of Sets:
 * when the young one is full it becomes the old one and the previous old one is dropped.
 * :TRICKY: evicting one-by-one through `set.values().next()` is O(n) in V8 once many
 * entries were deleted from the front; that alone held ingest to 100k events/s.
 */
export class RecentIds {
	#young = new Set<string>();
	#old = new Set<string>();
	readonly #generation: number;

	/** Remembers at least `capacity` of the most recent ids (at most twice as many). */
	constructor(capacity: number) {
		this.#generation = capacity;
	}

	has(id: string): boolean {
		return this.#young.has(id) || this.#old.has(id);
	}

	/** Adds an id; false when it was already there. */
	add(id: string): boolean {
		if (this.#young.has(id) || this.#old.has(id)) return false;
		this.#young.add(id);
		if (this.#young.size >= this.#generation) {
			this.#old = this.#young;
			this.#young = new Set();
		}
		return true;
	}
}
