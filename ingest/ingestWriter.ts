/**
 * One per process: takes finished batches, makes them durable in the spool at once, and
 * writes them to ClickHouse in order (one writer, so checkpoints never go backwards).
 * While ClickHouse is unavailable, batches wait in the spool and are retried with capped
 * exponential backoff and jitter; `waitForRoom` lets sources pause (backpressure).
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { Spool, type Block, type SpoolEntry } from './spool.ts';
import { backoffMs, classify, columnTypes, insertBlock, writeEntry, type BlockTransport } from './writer.ts';
import { ingestMetrics } from './metrics.ts';
import { REJECTED_COLUMNS, rejectedRow, tsvBlock } from './rows.ts';

export type CommitResult = 'inserted' | 'spooled';

/** At most this many batches may wait to be written before sources are paused. */
const MAX_PENDING = 4;

export class IngestWriter {
	readonly spool: Spool;
	readonly #db: ClickHouseClient;
	readonly #log: (line: string) => void;
	#draining: Promise<void> | null = null;
	#attempt = 0;
	#stopped = false;
	#wake: (() => void) | null = null;
	readonly #done = new Map<string, (r: CommitResult) => void>();
	/** Entries this process wrote, kept in memory: the spool file is for crash recovery only. */
	readonly #inMemory = new Map<string, SpoolEntry>();
	readonly #roomWaiters: (() => void)[] = [];
	lastError: string | null = null;
	readonly #via: BlockTransport;
	/**
	 * Called after each batch lands in ClickHouse, with the tables it wrote and its blocks (the
	 * live hub ticks early on it; the EWT service's queues take its call events from them).
	 * `exact` is false when the engine refused some of its rows (quarantined): the blocks then
	 * say more than what was stored.
	 */
	onInserted: ((tables: readonly string[], blocks: readonly Block[], exact: boolean) => void) | null = null;
	/** Rows the engine refused while writing the current entry. */
	#refused = 0;

	/** `fromFiles`: the engine can read the spool's files (embedded chDB on this machine). */
	constructor(db: ClickHouseClient, spool: Spool, log: (line: string) => void = () => {}, opts: { fromFiles?: boolean } = {}) {
		this.#db = db;
		this.spool = spool;
		this.#via = { fromFiles: opts.fromFiles ?? false, types: columnTypes(db) };
		this.#log = log;
		this.#metrics();
		if (spool.count) {
			log(`ingest: replaying ${spool.count} spooled batch(es) from ${spool.dir}`);
			this.#kick();
		}
	}

	get pending(): number {
		return this.spool.count;
	}

	/** True when sources should wait before producing more. */
	get congested(): boolean {
		return this.spool.full || this.pending >= MAX_PENDING;
	}

	/** Resolves when there is room for another batch. */
	async waitForRoom(): Promise<void> {
		while (this.congested && !this.#stopped) await new Promise<void>((r) => this.#roomWaiters.push(r));
	}

	/**
	 * Makes a batch durable (spool) and queues it for writing. Resolves 'inserted' once it is
	 * in ClickHouse, or 'spooled' if it is still waiting after `waitMs`. Callers check
	 * `congested` (or wait for room) before taking input.
	 */
	commit(entry: SpoolEntry, waitMs = Infinity): Promise<CommitResult> {
		const name = this.spool.write(entry);
		this.#inMemory.set(name, entry);
		this.#metrics();
		const inserted = new Promise<CommitResult>((resolve) => this.#done.set(name, resolve));
		this.#kick();
		// During an outage there is nothing to wait for: the batch is durable, say so at once.
		if (this.lastError !== null && waitMs !== Infinity) waitMs = 0;
		if (waitMs === Infinity) return inserted;
		return Promise.race([inserted, new Promise<CommitResult>((r) => setTimeout(() => r('spooled'), waitMs).unref())]);
	}

	/** Waits until everything spooled so far is written (or the writer stops). */
	async flushed(): Promise<void> {
		while (this.pending > 0 && !this.#stopped) {
			this.#kick();
			await this.#draining;
		}
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		this.#wake?.();
		await this.#draining;
		for (const r of this.#roomWaiters.splice(0)) r();
		this.spool.close();
	}

	#kick(): void {
		if (this.#draining || this.#stopped) return;
		this.#draining = this.#drain().finally(() => {
			this.#draining = null;
			if (this.pending > 0 && !this.#stopped) this.#kick();
		});
	}

	async #drain(): Promise<void> {
		for (;;) {
			if (this.#stopped) return;
			const name = this.spool.list()[0];
			if (!name) return;
			const started = performance.now();
			let entry: SpoolEntry;
			try {
				entry = this.#inMemory.get(name) ?? this.spool.read(name);
			} catch (e) {
				this.#log(`ingest: spool entry ${name} is unreadable (${(e as Error).message}); moved aside`);
				this.spool.remove(name);
				continue;
			}
			this.#refused = 0;
			try {
				await writeEntry(this.#db, entry, (block, message) => this.#quarantine(block, message), this.#via, (i, block, changed) =>
					this.spool.settle(name, i, block, changed)
				);
			} catch (e) {
				const cls = classify(e);
				ingestMetrics.writeErrors.inc({ class: cls });
				this.lastError = (e as Error).message;
				const delay = backoffMs(this.#attempt++);
				if (this.#attempt === 1 || this.#attempt % 10 === 0)
					this.#log(`ingest: ClickHouse write failed (${cls}: ${this.lastError}); retrying in ${delay} ms, ${this.pending} batch(es) spooled`);
				// A referenced timer: a command-line run must wait for ClickHouse, not exit mid-retry.
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, delay);
					this.#wake = () => (clearTimeout(timer), resolve());
				});
				continue;
			}
			if (this.#attempt > 0) this.#log(`ingest: ClickHouse is back; writing ${this.pending} spooled batch(es)`);
			this.#attempt = 0;
			this.lastError = null;
			for (const b of entry.blocks) ingestMetrics.rows.inc({ table: b.table }, b.rows);
			this.spool.remove(name);
			this.#inMemory.delete(name);
			ingestMetrics.flushSeconds.observe((performance.now() - started) / 1000);
			const resolve = this.#done.get(name);
			this.#done.delete(name);
			ingestMetrics.batches.inc({ result: resolve ? 'inserted' : 'replayed' });
			resolve?.('inserted');
			const written = entry.blocks.filter((b) => b.rows > 0);
			this.onInserted?.(written.map((b) => b.table), written, this.#refused === 0);
			this.#metrics();
			if (!this.congested) for (const r of this.#roomWaiters.splice(0)) r();
		}
	}

	/** A block the engine refused as bad data: its rows become rejected records, never retried. */
	async #quarantine(block: Block, message: string): Promise<void> {
		this.#refused += block.rows;
		this.#log(`ingest: ClickHouse refused ${block.rows} row(s) for ${block.table}: ${message}`);
		// Kept under the row's own source, so operators find it with the rest of that source's rejects.
		const sourceAt = block.columns.indexOf('source');
		const rows = block.tsv
			.split('\n')
			.filter((l) => l !== '')
			.map((raw, i) => {
				const source = (sourceAt >= 0 ? raw.split('\t')[sourceAt] : undefined) || 'writer';
				const detail = `ClickHouse refused the row for ${block.table}: ${message.slice(0, 300)}`;
				return rejectedRow({ reason: 'refused_by_database', detail, raw }, source, block.table, `${block.token} row ${i}`, Date.now());
			});
		await insertBlock(this.#db, tsvBlock('rejected_records', REJECTED_COLUMNS, `${block.token}|quarantine`, rows));
	}

	#metrics(): void {
		ingestMetrics.spoolBytes.set(this.spool.bytes);
		ingestMetrics.spoolEntries.set(this.pending);
	}
}
