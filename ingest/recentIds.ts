/**
 * A bounded set of recently seen ids, for counting redeliveries. Two generations: when the
 * young one is full it becomes the old one and the previous old one is emptied for reuse.
 * :TRICKY: evicting one-by-one through `set.values().next()` is O(n) in V8 once many
 * entries were deleted from the front; that alone held ingest to 100k events/s. Then two
 * generations of Sets, each new young Set regrown from 16 entries, rehashed on the way and
 * dropped as large garbage: still 0.9 µs an id inside the pipeline, a sixth of ndjson ingest.
 * Now each generation is a fixed open-addressing table allocated once.
 */
export class RecentIds {
	#young: Generation;
	#old: Generation;

	/** Remembers at least `capacity` of the most recent ids (at most twice as many). */
	constructor(capacity: number) {
		const size = Math.max(1, Math.floor(capacity));
		this.#young = new Generation(size);
		this.#old = new Generation(size);
	}

	has(id: string): boolean {
		const h = hashOf(id);
		return this.#young.has(id, h) || this.#old.has(id, h);
	}

	/** Adds an id; false when it was already there. */
	add(id: string): boolean {
		const h = hashOf(id);
		if (this.#young.has(id, h) || this.#old.has(id, h)) return false;
		if (this.#young.full) {
			const emptied = this.#old;
			emptied.clear();
			this.#old = this.#young;
			this.#young = emptied;
		}
		this.#young.add(id, h);
		return true;
	}
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h;
}

/** Up to `capacity` ids; linear probing in a table at most half full. */
class Generation {
	readonly #slots: Int32Array;
	readonly #mask: number;
	readonly #ids: string[];
	readonly #capacity: number;
	#size = 0;

	constructor(capacity: number) {
		let table = 2;
		while (table < capacity * 2) table *= 2;
		this.#slots = new Int32Array(table);
		this.#mask = table - 1;
		this.#ids = [];
		this.#capacity = capacity;
	}

	get full(): boolean {
		return this.#size >= this.#capacity;
	}

	has(id: string, h: number): boolean {
		for (let i = h & this.#mask; ; i = (i + 1) & this.#mask) {
			const slot = this.#slots[i]!;
			if (slot === 0) return false;
			if (this.#ids[slot - 1] === id) return true;
		}
	}

	/** Adds an id known to be absent. */
	add(id: string, h: number): void {
		let i = h & this.#mask;
		while (this.#slots[i] !== 0) i = (i + 1) & this.#mask;
		this.#ids[this.#size] = id;
		this.#slots[i] = ++this.#size;
	}

	clear(): void {
		this.#slots.fill(0);
		this.#size = 0;
	}
}
