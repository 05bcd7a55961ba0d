/**
 * The write-ahead spool: each batch's insert blocks, with their dedup tokens and the
 * checkpoint that follows them, are written here before they are inserted, and deleted once
 * inserted and checkpointed. After a crash (kill -9) the spool is replayed with the same
 * tokens: ClickHouse drops what it already has, so nothing is counted twice or lost. While
 * ClickHouse is down, batches wait here. Sources check `full` before they take input, so the
 * spool stays within maxBytes plus one batch.
 *
 * Layout of one entry NAME: a TabSeparated file per block (NAME.0.tsv, NAME.1.tsv, …), then
 * NAME.spool, a JSON header ({sourceId, checkpoint, blocks: [{table, columns, token, rows,
 * file}]}). Rows are serialized once: embedded ClickHouse reads the block files itself
 * (3× faster than rows sent inline), a server gets the same text inline.
 * :TRICKY: every file is written under a temporary name and renamed, and the header last:
 * a crash mid-write leaves no entry, only orphan files that the next start removes. Names
 * sort in write order (process start time, pid, sequence).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

export class SpoolInUseError extends Error {
	override name = 'SpoolInUseError';
}

/**
 * One process per spool directory: another would delete our half-written files at its start
 * and replay our entries (and their checkpoints) out of order. A pid file, taken over only
 * when its process is gone (a crash leaves it behind).
 */
function lockSpool(dir: string): string {
	const lock = join(dir, 'LOCK');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(lock, String(process.pid), { flag: 'wx' });
			return lock;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const pid = Number(readFileSync(lock, 'utf8'));
			if (pid === process.pid) return lock;
			let alive = false;
			try {
				process.kill(pid, 0);
				alive = Number.isInteger(pid) && pid > 0;
			} catch {
				alive = false;
			}
			if (alive)
				throw new SpoolInUseError(`the ingest spool ${dir} is in use by process ${pid}; give each process its own INGEST_SPOOL_DIR`);
			rmSync(lock, { force: true });
		}
	}
	throw new SpoolInUseError(`could not lock the ingest spool ${dir}`);
}
import { join } from 'node:path';

/** One table's rows for one insert: TabSeparated text in `columns` order, one row per line. */
export type Block = {
	table: string;
	columns: readonly string[];
	token: string;
	rows: number;
	tsv: string;
	/** The same text already encoded as UTF-8, when the builder has it: written as it is. */
	bytes?: Buffer;
	file?: string;
	/**
	 * Contacts only: already checked against those stored (storedContacts.ts), and these are the
	 * rows that remained. Written again, it goes as it is.
	 */
	filtered?: boolean;
	/**
	 * Contacts only, when the builder knows them: the hours (epoch ms of each hour's start, UTC)
	 * its rows' queued_at fall in, so the stored-contacts check need not read the rows to find
	 * them. Not spooled: a replay reads them from the rows.
	 */
	hours?: number[];
};
export type Checkpoint = { sourceId: string; position: string; state: string };
export type SpoolEntry = { sourceId: string; blocks: Block[]; checkpoint: Checkpoint | null };

type Header = {
	sourceId: string;
	checkpoint: Checkpoint | null;
	blocks: { table: string; columns: readonly string[]; token: string; rows: number; file: string; filtered?: boolean }[];
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

	readonly #lock: string;

	constructor(dir: string, maxBytes: number) {
		this.dir = dir;
		this.maxBytes = maxBytes;
		mkdirSync(dir, { recursive: true });
		this.#lock = lockSpool(dir);
		const files = readdirSync(dir);
		const referenced = new Set<string>();
		for (const f of files.filter((f) => f.endsWith('.spool')).sort()) {
			try {
				const header = this.#header(f);
				let size = statSync(join(dir, f)).size;
				for (const b of header.blocks) {
					referenced.add(b.file);
					size += statSync(join(dir, b.file)).size;
				}
				this.#names.push(f);
				this.#sizes.set(f, size);
				this.#bytes += size;
			} catch {
				// A header whose block files are gone cannot be replayed; the writer logs it.
				this.#names.push(f);
				this.#sizes.set(f, 0);
			}
		}
		for (const f of files) if (f.endsWith('.tmp') || (f.endsWith('.tsv') && !referenced.has(f))) rmSync(join(dir, f), { force: true });
	}

	/** Releases the directory for another process. */
	close(): void {
		rmSync(this.#lock, { force: true });
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
		const base = `${this.#prefix}-${String(this.#seq++).padStart(9, '0')}`;
		const name = `${base}.spool`;
		let size = 0;
		const blocks = entry.blocks.map((b, i) => {
			const file = `${base}.${i}.tsv`;
			const data = b.bytes ?? b.tsv;
			this.#atomicWrite(file, data);
			size += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
			b.file = join(this.dir, file);
			return { table: b.table, columns: b.columns, token: b.token, rows: b.rows, file };
		});
		const header: Header = { sourceId: entry.sourceId, checkpoint: entry.checkpoint, blocks };
		const text = JSON.stringify(header);
		this.#atomicWrite(name, text);
		size += Buffer.byteLength(text);
		this.#bytes += size;
		this.#sizes.set(name, size);
		this.#names.push(name);
		return name;
	}

	#atomicWrite(file: string, text: string | Buffer): void {
		const tmp = join(this.dir, `${file}.tmp`);
		writeFileSync(tmp, text);
		renameSync(tmp, join(this.dir, file));
	}

	/**
	 * Keeps what a block of entry `name` came to after its first check (`block`: its rows less
	 * those stored already, or the same block when `changed` is false) and marks it filtered, so a
	 * retry or a replay after a crash sends the same rows again. The block's file is replaced
	 * before the header says so: a crash in between leaves an unmarked block, which is checked
	 * again and comes to the same rows.
	 */
	settle(name: string, index: number, block: Block, changed: boolean): Block {
		const header = this.#header(name);
		const stored = header.blocks[index]!;
		if (changed) {
			const before = statSync(join(this.dir, stored.file)).size;
			const data = block.bytes ?? block.tsv;
			this.#atomicWrite(stored.file, data);
			const delta = (typeof data === 'string' ? Buffer.byteLength(data) : data.length) - before;
			this.#bytes += delta;
			this.#sizes.set(name, (this.#sizes.get(name) ?? 0) + delta);
		}
		header.blocks[index] = { ...stored, rows: block.rows, filtered: true };
		this.#atomicWrite(name, JSON.stringify(header));
		// In place: a copy would decode a block kept as bytes (its lazy `tsv`) for nothing.
		return Object.assign(block, { file: join(this.dir, stored.file), filtered: true });
	}

	remove(name: string): void {
		const i = this.#names.indexOf(name);
		if (i >= 0) this.#names.splice(i, 1);
		this.#bytes -= this.#sizes.get(name) ?? 0;
		this.#sizes.delete(name);
		try {
			for (const b of this.#header(name).blocks) rmSync(join(this.dir, b.file), { force: true });
		} catch {
			// header already unreadable: remove what we can
		}
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
		return JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as Header;
	}

	read(name: string): SpoolEntry {
		const header = this.#header(name);
		const blocks = header.blocks.map((b) => {
			const file = join(this.dir, b.file);
			return { table: b.table, columns: b.columns, token: b.token, rows: b.rows, tsv: readFileSync(file, 'utf8'), file, filtered: b.filtered };
		});
		return { sourceId: header.sourceId, blocks, checkpoint: header.checkpoint };
	}
}
