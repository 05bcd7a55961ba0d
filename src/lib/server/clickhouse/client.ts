/**
 * The one ClickHouse client of the process. Without CLICKHOUSE_URL it is embedded
 * ClickHouse (chDB) in the data directory; with it, a ClickHouse server. Both speak
 * through @clickhouse/client, so every query and insert is the same code.
 *
 * :TRICKY: chDB locks its data directory per process, and in dev and production the
 * server's code is loaded twice (the SvelteKit bundle and our own entry), so the client
 * lives on globalThis: every copy of this module gets the same connection.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';

/** Settings every statement runs with, on chDB and on a server alike. */
export const baseSettings: ClickHouseSettings = {
	// chDB defaults to asynchronous inserts; an insert must be durable when it returns.
	async_insert: 0,
	// Retried batches carry the same insert_deduplication_token; MV targets dedupe too.
	insert_deduplicate: 1,
	// :TRICKY: chDB applies settings with SET on one shared session, so a token given to one
	// insert stays for the next; a later insert without a token then reused it and was
	// silently dropped as a duplicate. Every request resets it unless it sets its own.
	insert_deduplication_token: '',
	deduplicate_blocks_in_dependent_materialized_views: 1,
	// The engine's default, restored on every request as the token is: ingest blocks turn it
	// off (ingest/writer.ts), every other insert keeps it.
	optimize_on_insert: 1,
	// FINAL works partition by partition. Safe here: every ReplacingMergeTree key includes the
	// hour of the time its table is partitioned by, so a row's versions share a partition.
	// The live view's rolling query over contacts went from 24 ms to 9 ms with 400 parts.
	do_not_merge_across_partitions_select_final: 1,
	// Numbers stay numbers in JSON output on both engines.
	output_format_json_quote_64bit_integers: 0,
	date_time_input_format: 'best_effort'
};

export type Store = {
	client: ClickHouseClient;
	mode: 'embedded' | 'server';
	/** Human-readable location for logs: a path or a URL without credentials. */
	where: string;
};

const KEY = Symbol.for('callboard.clickhouse');
type Holder = { [KEY]?: Promise<Store> };

async function open(config: Config): Promise<Store> {
	const { url, user, password, database } = config.clickhouse;
	if (url) {
		const client = createClient({
			url,
			username: user,
			password,
			database,
			clickhouse_settings: baseSettings,
			request_timeout: 60_000,
			// Failures are classed and logged once by our callers; the client's own log repeats
			// a multi-line dump for every refused connection during an outage.
			log: { level: ClickHouseLogLevel.OFF }
		});
		const safe = new URL(url);
		safe.username = '';
		safe.password = '';
		return { client, mode: 'server', where: `${safe.origin}/${database}` };
	}
	const path = resolve(config.dataDir, 'clickhouse');
	mkdirSync(path, { recursive: true });
	let createChdbConnection: typeof import('chdb/connection').createChdbConnection;
	try {
		({ createChdbConnection } = await import('chdb/connection'));
	} catch (e) {
		throw new Error(`embedded ClickHouse (chdb) could not be loaded: ${(e as Error).message}`);
	}
	let connection;
	try {
		connection = createChdbConnection({ path });
	} catch (e) {
		// :TRICKY: chDB says why only on stderr ("Cannot lock file …/status. Another server
		// instance in same directory is already running"); the error itself is a generic
		// CHDB_CONNECTION. A held directory is by far the usual cause, so that is what we say.
		const err = e as Error & { code?: string };
		if (err.code === 'CHDB_CONNECTION' || /Cannot lock file|already running/i.test(err.message))
			throw new Error(
				`the data directory ${path} is in use by another callboard process (embedded ClickHouse allows one process per directory). ` +
					`Stop that process, or talk to it with --server URL --token TOKEN. (chDB: ${err.message})`
			);
		throw e;
	}
	// :TRICKY: chdb types its connection against @clickhouse/client-common, which
	// @clickhouse/client now bundles under its own names: the same contract, two type identities.
	type NodeConnection = NonNullable<Parameters<typeof createClient>[0]>['connection'];
	const client = createClient({ connection: connection as unknown as NodeConnection, clickhouse_settings: baseSettings });
	// chDB ignores the client's `database` option: embedded data lives in `default`.
	return { client, mode: 'embedded', where: path };
}

/** The process-wide store, opened on first use. */
export function getStore(config: Config): Promise<Store> {
	const g = globalThis as Holder;
	if (!g[KEY]) {
		g[KEY] = open(config);
		g[KEY].catch(() => delete g[KEY]);
	}
	return g[KEY];
}

export async function closeStore(): Promise<void> {
	const g = globalThis as Holder;
	const pending = g[KEY];
	delete g[KEY];
	if (pending) await (await pending).client.close();
}

/** Ensures the configured database exists on a server (embedded mode uses `default`). */
export async function ensureDatabase(config: Config): Promise<void> {
	const { url, user, password, database } = config.clickhouse;
	if (!url) return;
	const admin = createClient({ url, username: user, password, clickhouse_settings: baseSettings });
	try {
		await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
	} finally {
		await admin.close();
	}
}
