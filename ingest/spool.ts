/**
 * The write-ahead spool: each batch's insert blocks, with their dedup tokens and the
 * checkpoint that follows them, are written here before they are inserted, and deleted once
 * inserted and checkpointed. After a crash (kill -9) the spool is replayed with the same
 * tokens: ClickHouse drops what it already has, so nothing is counted twice or lost. While
 * ClickHouse is down, batches wait here. Sources check `full` before they take input, so the
 * spool stays within maxBytes plus one batch.
 *
 * File layout: one JSON header line ({sourceId, checkpoint, blocks: [{table, columns, token,
 * rows, bytes}]}) followed by each block's TabSeparated rows, byte-counted. Rows are
 * serialized once, for the spool and the insert alike.
 * :TRICKY: entries are written to a temporary name and renamed, so a crash mid-write leaves
 * no half entry; names sort in write order (process start time, pid, sequence).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One table's rows for one insert: TabSeparated text in `columns` order, one row per line. */
export type Block = { table: string; columns: readonly string[]; token: string; rows: number; tsv: string };
export type Checkpoint = { sourceId: string; position: string; state: string };
export type SpoolEntry = { sourceId: string; blocks: Block[]; checkpoint: Checkpoint | null };

type Header = {
	sourceId: string;
	checkpoint: Checkpoint | null;
	blocks: { table: string; columns: readonly string[]; token: string; rows: number; bytes: number }[];
};

export class Spool {
	readonly dir: string;
	readonly maxBytes: number;
	#bytes = 0;
	#seq = 0;
	readonly #prefix = `${Date.now().toString(36).padStart(9, '0')}-${String(process.pid).padStart(7, '0')}`;
	/** Entry names in write order; this process is the spool's only writer. */
	readonly #names: string[] = [];
	readonly #sizes = new Map<string, number>();

	constructor(dir: string, maxBytes: number) {
		this.dir = dir;
		this.maxBytes = maxBytes;
		mkdirSync(dir, { recursive: true });
		for (const f of readdirSync(dir)) {
			if (f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
			else if (f.endsWith('.spool')) {
				const size = statSync(join(dir, f)).size;
				this.#bytes += size;
				this.#sizes.set(f, size);
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

	get count(): number {
		return this.#names.length;
	}

	/** Writes an entry durably (as far as the OS goes: survives a killed process); returns its name. */
	write(entry: SpoolEntry): string {
		const header: Header = {
			sourceId: entry.sourceId,
			checkpoint: entry.checkpoint,
			blocks: entry.blocks.map((b) => ({ table: b.table, columns: b.columns, token: b.token, rows: b.rows, bytes: Buffer.byteLength(b.tsv) }))
		};
		const parts = [JSON.stringify(header), '\n', ...entry.blocks.map((b) => b.tsv)];
		const name = `${this.#prefix}-${String(this.#seq++).padStart(9, '0')}.spool`;
		const tmp = join(this.dir, `${name}.tmp`);
		writeFileSync(tmp, parts.join(''));
		renameSync(tmp, join(this.dir, name));
		const size = statSync(join(this.dir, name)).size;
		this.#bytes += size;
		this.#sizes.set(name, size);
		this.#names.push(name);
		return name;
	}

	remove(name: string): void {
		const i = this.#names.indexOf(name);
		if (i >= 0) this.#names.splice(i, 1);
		this.#bytes -= this.#sizes.get(name) ?? 0;
		this.#sizes.delete(name);
		rmSync(join(this.dir, name), { force: true });
	}

	/** Entries in write order (oldest first). */
	list(): readonly string[] {
		return this.#names;
	}

	/**
	 * The newest checkpoint of a source still waiting in the spool: newer than the one in
	 * ClickHouse, so a source reopened after a crash continues from it, not from before it.
	 */
	latestCheckpoint(sourceId: string): Checkpoint | null {
		for (let i = this.#names.length - 1; i >= 0; i--) {
			try {
				const header = this.#header(this.#names[i]!);
				if (header.sourceId === sourceId && header.checkpoint) return header.checkpoint;
			} catch {
				// unreadable entries are dealt with by the writer
			}
		}
		return null;
	}

	#header(name: string): Header {
		const buf = readFileSync(join(this.dir, name));
		const nl = buf.indexOf(0x0a);
		return JSON.parse(buf.toString('utf8', 0, nl < 0 ? buf.length : nl)) as Header;
	}

	read(name: string): SpoolEntry {
		const buf = readFileSync(join(this.dir, name));
		const nl = buf.indexOf(0x0a);
		if (nl < 0) throw new Error('no header line');
		const header = JSON.parse(buf.toString('utf8', 0, nl)) as Header;
		let at = nl + 1;
		const blocks = header.blocks.map((b) => {
			const tsv = buf.toString('utf8', at, at + b.bytes);
			at += b.bytes;
			return { table: b.table, columns: b.columns, token: b.token, rows: b.rows, tsv };
		});
		if (at !== buf.length) throw new Error(`size mismatch: header says ${at} bytes, file has ${buf.length}`);
		return { sourceId: header.sourceId, blocks, checkpoint: header.checkpoint };
	}
}
