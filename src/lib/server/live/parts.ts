/**
 * What a tick may take from the ticks before it instead of asking ClickHouse again. A tick reads
 * its parts (one query each) through a PartReader; the hub's (PartCache) hands back a part read
 * less than maxAgeMs ago whose tables no insert has written since. A tick that new data asked for
 * then reads only what that data can have changed (a consultant's new state re-reads the
 * consultants, not today's rollup), and figures that move with the clock alone (the rolling
 * windows, occupancy today) are never older than maxAgeMs; those the tick computes from stored
 * times (time in state, the longest wait, working-day ages) are its own. The interval's ticks
 * re-read the parts older than maxAgeMs (hub.ts: all of them, unless every write is heard of).
 */

/**
 * What new data can change: the tables it lands in (ingest/pipeline.ts's blocks), and for call
 * events, which come a thousand a second, the kinds a part reads, so that a stream of callers
 * joining and leaving queues (which the boards take from the EWT service's memory) re-reads no
 * part: `call_events:served` a call answered, ended or wrapped up (the consultant serving it);
 * `call_events:written` a callback asked for, an e-inquiry or e-mail received (open written work).
 * A part that reads any call event names `call_events`.
 */
export type Table = 'call_events' | 'call_events:served' | 'call_events:written' | 'agent_events' | 'contacts';
export const TABLES: readonly Table[] = ['call_events', 'call_events:served', 'call_events:written', 'agent_events', 'contacts'];

/** Open written work (written/open.sql), which the boards' backlogs and the supervisor's queues share. */
export const OPEN_WORK_TABLES: readonly Table[] = ['call_events:written', 'contacts'];

const SERVED = new Set(['answered', 'ended', 'wrapup_ended']);

/**
 * What a batch written to `tables` changes. `callEvents`: the batch's call events, when known
 * (a writer of this process); null says nothing of their kinds, so every call-event part counts.
 */
export function changesOf(tables: readonly string[], callEvents: readonly { type: string; channel: string }[] | null): Table[] {
	const out = new Set<Table>();
	for (const t of tables) {
		if (t === 'agent_events' || t === 'contacts') out.add(t);
		if (t !== 'call_events') continue;
		out.add('call_events');
		if (callEvents === null) {
			out.add('call_events:served');
			out.add('call_events:written');
			continue;
		}
		for (const e of callEvents) {
			if (SERVED.has(e.type)) out.add('call_events:served');
			if (e.type === 'callback_requested' || (e.type === 'queued' && (e.channel === 'einquiry' || e.channel === 'email'))) out.add('call_events:written');
		}
	}
	return [...out];
}

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
