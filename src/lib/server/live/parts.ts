/**
 * What a tick may take from the ticks before it instead of asking ClickHouse again. A tick reads
 * its parts (one query each) through a PartReader; the hub's (PartCache) hands back a part read
 * less than maxAgeMs ago whose tables no insert has written since. A tick that new data asked for
 * then reads only what that data can have changed (a consultant's new state re-reads the
 * consultants, not today's rollup), and figures that move with the clock alone (rolling
 * windows, ages, time in state) are never older than maxAgeMs. The interval's ticks come an
 * interval apart: they read everything.
 */

/** The tables new data lands in (ingest/pipeline.ts's blocks). */
export type Table = 'call_events' | 'agent_events' | 'contacts';
export const TABLES: readonly Table[] = ['call_events', 'agent_events', 'contacts'];

/** Reads a part named `name` from `tables`, or hands back one still good. */
export type PartReader = <T>(name: string, tables: readonly Table[], read: () => Promise<T>) => Promise<T>;

/** No reuse: every part is read (GET /api/live's callers outside the hub, tests, the bench). */
export const readEveryPart: PartReader = (_name, _tables, read) => read();

export class PartCache {
	readonly #maxAgeMs: number;
	readonly #parts = new Map<string, { at: number; tables: readonly Table[]; value: Promise<unknown> }>();
	/** Parts read from ClickHouse since start (each one query). */
	reads = 0;

	constructor(maxAgeMs: number) {
		this.#maxAgeMs = maxAgeMs;
	}

	/** The reader for a tick at `now` (epoch ms). */
	at(now: number): PartReader {
		return <T>(name: string, tables: readonly Table[], read: () => Promise<T>): Promise<T> => {
			const kept = this.#parts.get(name);
			if (kept && now - kept.at < this.#maxAgeMs && now >= kept.at) return kept.value as Promise<T>;
			this.reads++;
			const value = read();
			const entry = { at: now, tables, value };
			this.#parts.set(name, entry);
			// A failed read is not kept: the next tick asks again.
			value.catch(() => this.#parts.get(name) === entry && this.#parts.delete(name));
			return value;
		};
	}

	/**
	 * New data landed in `tables`: every part that reads one of them is read again, including one
	 * being read now (its query may have run before the data landed).
	 */
	written(tables: readonly string[]): void {
		for (const [name, part] of this.#parts) if (part.tables.some((t) => tables.includes(t))) this.#parts.delete(name);
	}
}
