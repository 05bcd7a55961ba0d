/**
 * A binary min-heap of timed entries: time, a kind tag and a reference. Ties go to the entry
 * pushed first, so a run never depends on how the heap happens to break them. Times and
 * sequence numbers sit in typed arrays: the engine pushes and pops tens of millions of events
 * for ten years of history, and comparing doubles in a Float64Array is what makes that cheap.
 */
export class EventHeap<T> {
	#t = new Float64Array(1024);
	#seq = new Float64Array(1024);
	#kind = new Uint8Array(1024);
	#ref: (T | null)[] = new Array(1024).fill(null);
	#size = 0;
	#pushed = 0;
	/** Kind of the entry the last pop() returned. */
	kind = 0;
	/** Time of the entry the last pop() returned. */
	time = 0;

	get size(): number {
		return this.#size;
	}

	/** Time of the earliest entry; Infinity when empty. */
	peekTime(): number {
		return this.#size > 0 ? this.#t[0]! : Infinity;
	}

	push(t: number, kind: number, ref: T): void {
		if (this.#size === this.#t.length) this.#grow();
		const seq = this.#pushed++;
		let i = this.#size++;
		const ts = this.#t;
		const ss = this.#seq;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			const pt = ts[parent]!;
			if (pt < t || (pt === t && ss[parent]! < seq)) break;
			this.#move(parent, i);
			i = parent;
		}
		ts[i] = t;
		ss[i] = seq;
		this.#kind[i] = kind;
		this.#ref[i] = ref;
	}

	/** Removes the earliest entry and returns its reference (kind and time in `kind`, `time`). */
	pop(): T {
		if (this.#size === 0) throw new Error('pop from an empty heap');
		const ts = this.#t;
		const ss = this.#seq;
		const top = this.#ref[0]!;
		this.kind = this.#kind[0]!;
		this.time = ts[0]!;
		const last = --this.#size;
		if (last > 0) {
			const t = ts[last]!;
			const seq = ss[last]!;
			const kind = this.#kind[last]!;
			const ref = this.#ref[last]!;
			let i = 0;
			for (;;) {
				let c = 2 * i + 1;
				if (c >= last) break;
				const r = c + 1;
				if (r < last && (ts[r]! < ts[c]! || (ts[r] === ts[c] && ss[r]! < ss[c]!))) c = r;
				if (t < ts[c]! || (t === ts[c] && seq < ss[c]!)) break;
				this.#move(c, i);
				i = c;
			}
			ts[i] = t;
			ss[i] = seq;
			this.#kind[i] = kind;
			this.#ref[i] = ref;
		}
		this.#ref[last] = null;
		return top;
	}

	#move(from: number, to: number): void {
		this.#t[to] = this.#t[from]!;
		this.#seq[to] = this.#seq[from]!;
		this.#kind[to] = this.#kind[from]!;
		this.#ref[to] = this.#ref[from]!;
	}

	#grow(): void {
		const n = this.#t.length * 2;
		const t = new Float64Array(n);
		t.set(this.#t);
		const seq = new Float64Array(n);
		seq.set(this.#seq);
		const kind = new Uint8Array(n);
		kind.set(this.#kind);
		this.#t = t;
		this.#seq = seq;
		this.#kind = kind;
		this.#ref.length = n;
		this.#ref.fill(null, this.#size);
	}
}
