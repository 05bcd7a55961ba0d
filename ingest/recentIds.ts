/**
 * A bounded set of recently seen ids, for counting redeliveries. Two generations: when the
 * young one is full it becomes the old one and the previous old one is emptied for reuse.
 * :TRICKY: this runs for every event, and almost every id is new. History of what was slow:
 * - evicting one-by-one through `set.values().next()` is O(n) in V8 once many entries were
 *   deleted from the front; that alone held ingest to 100k events/s;
 * - two generations of Sets, each new young Set regrown from 16 entries, rehashed on the way and
 *   dropped as large garbage: 0.9 µs an id inside the pipeline;
 * - fixed open-addressing tables (one per generation, a quarter of a megabyte each for a file's
 *   window): a new id missed the cache in both, 0.3–0.5 µs an id inside the pipeline.
 * Now a bit per hash in a small filter (64 KiB, stays in cache) answers "new" for nearly every
 * new id without touching the tables; only a set bit (an id seen, or a collision) asks them.
 */
export class RecentIds {
	#young: Generation;
	#old: Generation;
	readonly #filter: BitFilter;

	/** Remembers at least `capacity` of the most recent ids (at most twice as many). */
	constructor(capacity: number) {
		const size = Math.max(1, Math.floor(capacity));
		this.#young = new Generation(size);
		this.#old = new Generation(size);
		this.#filter = new BitFilter(size * 2);
	}

	has(id: string): boolean {
		const h = hashOf(id);
		return this.#filter.has(h) && (this.#young.has(id, h) || this.#old.has(id, h));
	}

	/** Adds an id; false when it was already there. */
	add(id: string): boolean {
		const h = hashOf(id);
		if (this.#filter.has(h) && (this.#young.has(id, h) || this.#old.has(id, h))) return false;
		if (this.#young.full) {
			const emptied = this.#old;
			emptied.clear();
			this.#old = this.#young;
			this.#young = emptied;
			// The old generation's ids are gone: the filter keeps the bits of the ones still held.
			this.#filter.clear();
			this.#old.forEachHash((x) => this.#filter.set(x));
		}
		this.#young.add(id, h);
		this.#filter.set(h);
		return true;
	}
}

/** FNV-1a over the UTF-16 code units, as a signed 32-bit integer (what an Int32Array holds). */
function hashOf(s: string): number {
	let h = 0x811c9dc5 | 0;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h;
}

/**
 * One bit per hash value (modulo its size): clear means no id with that hash is held. Sized at
 * 8 bits per id held, at most 2^19 bits (64 KiB), so that it stays in the cache. A file's window
 * (20,000, at most 40,000 ids held) leaves a new id's bit set about one time in fourteen. An API
 * stream's (200,000) crowds it: about half of the new ids then ask the tables too, as before the
 * filter; a live stream's few thousand events a second do not need more.
 */
class BitFilter {
	readonly #words: Int32Array;
	readonly #mask: number;

	constructor(ids: number) {
		let bits = 64;
		while (bits < ids * 8 && bits < 1 << 19) bits *= 2;
		this.#words = new Int32Array(bits >>> 5);
		this.#mask = bits - 1;
	}

	has(h: number): boolean {
		// The bits above the tables' (which use the low ones), mixed in, for independence.
		const b = (h ^ (h >>> 15)) & this.#mask;
		return (this.#words[b >>> 5]! & (1 << (b & 31))) !== 0;
	}

	set(h: number): void {
		const b = (h ^ (h >>> 15)) & this.#mask;
		this.#words[b >>> 5]! |= 1 << (b & 31);
	}

	clear(): void {
		this.#words.fill(0);
	}
}

/** Up to `capacity` ids; linear probing in a table at most half full. */
class Generation {
	readonly #slots: Int32Array;
	readonly #mask: number;
	readonly #ids: string[];
	readonly #hashes: Int32Array;
	readonly #capacity: number;
	#size = 0;

	constructor(capacity: number) {
		let table = 2;
		while (table < capacity * 2) table *= 2;
		this.#slots = new Int32Array(table);
		this.#mask = table - 1;
		this.#ids = [];
		this.#hashes = new Int32Array(capacity);
		this.#capacity = capacity;
	}

	get full(): boolean {
		return this.#size >= this.#capacity;
	}

	has(id: string, h: number): boolean {
		for (let i = h & this.#mask; ; i = (i + 1) & this.#mask) {
			const slot = this.#slots[i]!;
			if (slot === 0) return false;
			if (this.#hashes[slot - 1] === h && this.#ids[slot - 1] === id) return true;
		}
	}

	/** Adds an id known to be absent. */
	add(id: string, h: number): void {
		let i = h & this.#mask;
		while (this.#slots[i] !== 0) i = (i + 1) & this.#mask;
		this.#ids[this.#size] = id;
		this.#hashes[this.#size] = h;
		this.#slots[i] = ++this.#size;
	}

	forEachHash(f: (h: number) => void): void {
		for (let i = 0; i < this.#size; i++) f(this.#hashes[i]!);
	}

	clear(): void {
		this.#slots.fill(0);
		this.#size = 0;
	}
}
