/**
 * The ingest worker as a library the server hosts: one writer (spool + ClickHouse), and one
 * pipeline per API stream. In embedded mode this is the only process that may write the
 * data directory, so files are sent to it (`callboard ingest --server`).
 */
import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../src/lib/server/config/schema.ts';
import { IngestWriter, type CommitResult } from './ingestWriter.ts';
import { SourcePipeline, type Counts } from './pipeline.ts';
import { Spool } from './spool.ts';
import { FORMATS } from './formats.ts';
import type { FormatName } from './types.ts';

export type BodyResult = Counts & { status: CommitResult | 'empty' };

export class SpoolFull extends Error {
	override name = 'SpoolFull';
}

/** By name: the service and the route may hold two copies of this module (see isAccessError). */
export function isSpoolFull(e: unknown): e is SpoolFull {
	return e instanceof Error && e.name === 'SpoolFull';
}

/** How long an API call waits for the insert before answering "spooled" (still durable). */
const API_WAIT_MS = 5_000;

export class IngestService {
	readonly writer: IngestWriter;
	readonly #db: ClickHouseClient;
	readonly #config: Config;
	/** Pipelines by lock key (`stream|format`). */
	readonly #streams = new Map<string, Promise<SourcePipeline>>();
	readonly #locks = new Map<string, Promise<unknown>>();
	#ticker: NodeJS.Timeout | null = null;

	constructor(db: ClickHouseClient, config: Config, log: (line: string) => void = console.log) {
		this.#db = db;
		this.#config = config;
		this.writer = new IngestWriter(db, new Spool(config.ingest.spoolDir, config.ingest.spoolMaxBytes), log, {
			fromFiles: !config.clickhouse.url
		});
		// Calls whose wrap-up never comes, or whose last event was lost, are finished by each
		// stream's own clock, which runs on with the wall clock only for a live stream
		// (SourcePipeline.streamClock): a backfill sent in pieces is not closed between them.
		this.#ticker = setInterval(() => void this.#tick(), 30_000);
		this.#ticker.unref();
	}

	#pipeline(format: FormatName, stream: string): Promise<SourcePipeline> {
		const key = `${stream}|${format}`;
		let p = this.#streams.get(key);
		if (!p) {
			const sourceId = `api:${stream}:${format}`;
			p = SourcePipeline.open(this.#db, { sourceId, label: stream, format, config: this.#config, writer: this.writer, preloadRecent: true, countStored: true });
			p.catch(() => this.#streams.delete(key));
			this.#streams.set(key, p);
		}
		return p;
	}

	/** Runs `fn` for one stream at a time, in arrival order: assembly state is sequential. */
	async #serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
		const prev = this.#locks.get(key) ?? Promise.resolve();
		const run = prev.then(fn, fn);
		const tail = run.catch(() => {});
		this.#locks.set(key, tail);
		try {
			return await run;
		} finally {
			if (this.#locks.get(key) === tail) this.#locks.delete(key);
		}
	}

	/**
	 * Ingests one API body. Answers once the batch is durable: inserted, or (when ClickHouse is
	 * slow or down) in the spool. The dedup tokens come from the body's digest, so a client
	 * that retries the same body after a timeout changes nothing.
	 */
	async ingestBody(format: FormatName, body: string, stream: string): Promise<BodyResult> {
		if (this.writer.spool.full) throw new SpoolFull(`the ingest spool is full (${this.writer.spool.bytes} bytes); retry later`);
		return this.#serial(`${stream}|${format}`, async () => {
			const pipeline = await this.#pipeline(format, stream);
			const digest = createHash('sha256').update(body).digest('hex').slice(0, 32);
			const before = { ...pipeline.counts };
			if (FORMATS[format].kind === 'document') pipeline.addDocument(body, `body ${digest.slice(0, 12)}`, digest);
			else {
				let lineNo = 0;
				for (const line of body.split('\n')) {
					lineNo++;
					if (line === '' && lineNo > 1) continue;
					pipeline.addLine(line.endsWith('\r') ? line.slice(0, -1) : line, `body ${digest.slice(0, 12)} line ${lineNo}`, digest);
				}
			}
			const status = (await pipeline.flush({ tokenKey: digest, waitMs: API_WAIT_MS })) ?? 'empty';
			const c = pipeline.counts;
			return {
				accepted: c.accepted - before.accepted,
				duplicates: c.duplicates - before.duplicates,
				rejected: c.rejected - before.rejected,
				ignored: c.ignored - before.ignored,
				status
			};
		});
	}

	async #tick(): Promise<void> {
		for (const [key, p] of this.#streams) {
			const pipeline = await p.catch(() => null);
			if (!pipeline || !pipeline.waitingOnClock) continue;
			await this.#serial(key, async () => {
				pipeline.tick(Date.now());
				await pipeline.flush({ tokenKey: `tick-${Date.now()}`, waitMs: 0 });
			});
		}
	}

	async stop(): Promise<void> {
		if (this.#ticker) clearInterval(this.#ticker);
		await Promise.allSettled([...this.#locks.values()]);
		await this.writer.flushed();
		await this.writer.stop();
	}
}
