/**
 * The write-ahead spool: each batch's insert blocks, with their dedup tokens and the
 * checkpoint that follows them, are written here before they are inserted, and deleted once
 * inserted and checkpointed. After a crash (kill -9) the spool is replayed with the same
 * tokens: ClickHouse drops what it already has, so nothing is counted twice or lost. While
 * ClickHouse is down, batches wait here. The spool is bounded; a full spool pauses sources
 * and makes the API answer 503.
 * :TRICKY: entries are written to a temporary name and renamed, so a crash mid-write leaves
 * no half entry; names sort in write order (a monotonic sequence per process start).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Block = { table: string; token: string; rows: unknown[] };
export type Checkpoint = { sourceId: string; position: string; state: string };
export type SpoolEntry = { sourceId: string; blocks: Block[]; checkpoint: Checkpoint | null };

export class Spool {
	readonly dir: string;
	readonly maxBytes: number;
	#bytes = 0;
	#seq = 0;
	/** Entry names in write order; this process is the spool's only writer. */
	readonly #names: string[] = [];
	readonly #prefix = `${Date.now().toString(36).padStart(9, '0')}-${process.pid}`;

	constructor(dir: string, maxBytes: number) {
		this.dir = dir;
		this.maxBytes = maxBytes;
		mkdirSync(dir, { recursive: true });
		for (const f of readdirSync(dir)) {
			if (f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
			else if (f.endsWith('.json')) {
				this.#bytes += statSync(join(dir, f)).size;
				this.#names.push(f);
			}
		}
		this.#names.sort();
	}

	get bytes(): number {
		return this.#bytes;
	}

	get full(): boolean {
		return this.#bytes >= this.maxBytes;
	}

	/**
	 * Writes an entry; returns its name. Admission is checked by callers (`full`) before they
	 * read input, so the spool stays within maxBytes plus one batch and no input is taken
	 * that could not be kept.
	 */
	write(entry: SpoolEntry): string {
		const text = JSON.stringify(entry);
		const name = `${this.#prefix}-${String(this.#seq++).padStart(9, '0')}.json`;
		const tmp = join(this.dir, `${name}.tmp`);
		writeFileSync(tmp, text);
		renameSync(tmp, join(this.dir, name));
		this.#bytes += text.length;
		this.#names.push(name);
		return name;
	}

	remove(name: string): void {
		const i = this.#names.indexOf(name);
		if (i >= 0) this.#names.splice(i, 1);
		const path = join(this.dir, name);
		try {
			this.#bytes -= statSync(path).size;
		} catch {
			return;
		}
		rmSync(path, { force: true });
	}

	/** Entries in write order (oldest first). */
	list(): readonly string[] {
		return this.#names;
	}

	get count(): number {
		return this.#names.length;
	}

	/**
	 * The newest checkpoint of a source still waiting in the spool: newer than the one in
	 * ClickHouse, so a source reopened after a crash continues from it, not from before it.
	 */
	latestCheckpoint(sourceId: string): Checkpoint | null {
		for (let i = this.#names.length - 1; i >= 0; i--) {
			try {
				const entry = this.read(this.#names[i]!);
				if (entry.sourceId === sourceId && entry.checkpoint) return entry.checkpoint;
			} catch {
				// unreadable entries are dealt with by the writer
			}
		}
		return null;
	}

	read(name: string): SpoolEntry {
		return JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as SpoolEntry;
	}
}
