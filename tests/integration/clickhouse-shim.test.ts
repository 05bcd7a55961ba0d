/**
 * The ClickHouse HTTP shim (tests/helpers/clickhouseHttpShim.ts) spoken to by the real
 * @clickhouse/client over HTTP: the project's server-mode code path against a real engine,
 * including ClickHouse being unavailable and coming back with its data.
 * This file opens chDB only through the shim (one data directory per process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseError, ClickHouseLogLevel, createClient, TupleParam, type ClickHouseClient } from '@clickhouse/client';
import { startClickHouseShim, type ClickHouseShim } from '../helpers/clickhouseHttpShim.ts';
import { spawnClickHouseShim } from '../helpers/clickhouseShimProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { loadConfig } from '../../src/lib/server/config/index.ts';
import { baseSettings, closeStore, ensureDatabase, getStore } from '../../src/lib/server/clickhouse/client.ts';
import { migrate, readMigrations } from '../../src/lib/server/clickhouse/migrate.ts';
import { classify } from '../../ingest/writer.ts';

// The failures below are expected; the client would log each one.
const quiet = { level: ClickHouseLogLevel.OFF };

async function rows<T>(client: ClickHouseClient, query: string, query_params?: Record<string, unknown>): Promise<T[]> {
	const rs = await client.query({ query, query_params, format: 'JSONEachRow' });
	return rs.json<T>();
}

async function failure(p: Promise<unknown>): Promise<Error & { code?: string }> {
	try {
		await p;
	} catch (e) {
		return e as Error & { code?: string };
	}
	throw new Error('expected a failure');
}

describe('ClickHouse HTTP shim over chDB', () => {
	const dir = tempDir('shim');
	let shim: ClickHouseShim;
	let client: ClickHouseClient;

	beforeAll(async () => {
		shim = await startClickHouseShim({ dataDir: dir.path });
		client = createClient({ url: shim.url, clickhouse_settings: baseSettings, log: quiet });
	});
	afterAll(async () => {
		await client?.close();
		await closeStore();
		await shim?.close();
		dir.remove();
	});

	it('answers ping like a server', async () => {
		expect(await client.ping()).toEqual({ success: true });
		expect(await client.ping({ select: true })).toEqual({ success: true });
		const res = await fetch(`${shim.url}/ping`);
		expect(res.status).toBe(200);
		expect(await res.text()).toBe('Ok.\n');
	});

	it('binds {name:Type} parameters, quotes and Lithuanian letters included', async () => {
		const text = `Žąsų ūkis „Ąžuolas“: d'Artagnan's "quote" \\ back\\slash, tab\there,\nnew line; čęėįšųž ČĘĖĮŠŲŽ`;
		const [row] = await rows<{ s: string; n: number; len: number; a: string[]; missing: string | null; t: [string, number] }>(
			client,
			'SELECT {s:String} AS s, {n:UInt32} + 1 AS n, lengthUTF8({s:String}) AS len, {a:Array(String)} AS a, {m:Nullable(String)} AS missing, {t:Tuple(String, UInt8)} AS t',
			{ s: text, n: 41, a: ["it's", 'back\\slash', 'Šiauliai', "'"], m: null, t: new TupleParam(["Ąžuol'as", 7]) }
		);
		expect(row).toEqual({ s: text, n: 42, len: [...text].length, a: ["it's", 'back\\slash', 'Šiauliai', "'"], missing: null, t: ["Ąžuol'as", 7] });
		// A value is data, never SQL.
		const [injected] = await rows<{ x: string }>(client, 'SELECT {x:String} AS x', { x: "'; DROP TABLE x; --" });
		expect(injected!.x).toBe("'; DROP TABLE x; --");
	});

	it('stores an insert retried with the same insert_deduplication_token once', async () => {
		await client.command({
			query: `CREATE TABLE dedup (id UInt32, name String) ENGINE = MergeTree ORDER BY id
				SETTINGS non_replicated_deduplication_window = 100`
		});
		const values = [
			{ id: 1, name: 'Ona' },
			{ id: 2, name: 'Jonas' }
		];
		for (let i = 0; i < 2; i++)
			await client.insert({ table: 'dedup', values, format: 'JSONEachRow', clickhouse_settings: { insert_deduplication_token: 'batch-1' } });
		expect(await rows(client, 'SELECT count() AS n FROM dedup')).toEqual([{ n: 2 }]);
		// The token is that request's setting only: the next insert is not taken for a retry.
		await client.insert({ table: 'dedup', values: [{ id: 3, name: 'Rūta' }], format: 'JSONEachRow' });
		await client.insert({ table: 'dedup', values, format: 'JSONEachRow', clickhouse_settings: { insert_deduplication_token: 'batch-2' } });
		expect(await rows(client, 'SELECT count() AS n FROM dedup')).toEqual([{ n: 5 }]);
		// The data inline after the statement, in the body (`command`), deduplicates the same way.
		const tsv = '20\tŠiauliai; Kaunas\n21\ttab\\there\n';
		for (let i = 0; i < 2; i++)
			await client.command({
				query: `INSERT INTO dedup (id, name) FORMAT TabSeparated\n${tsv}`,
				clickhouse_settings: { insert_deduplication_token: 'batch-3' }
			});
		await client.command({ query: 'INSERT INTO dedup (id, name) FORMAT TabSeparated\n' }); // nothing to insert
		expect(await rows(client, 'SELECT id, name FROM dedup WHERE id >= 20 ORDER BY id')).toEqual([
			{ id: 20, name: 'Šiauliai; Kaunas' },
			{ id: 21, name: 'tab\there' }
		]);
	});

	it('reports ClickHouse errors as ClickHouseError with the code', async () => {
		const unknown = await failure(client.query({ query: 'SELECT * FROM no_such_table', format: 'JSONEachRow' }));
		expect(unknown).toBeInstanceOf(ClickHouseError);
		expect(unknown).toMatchObject({ code: '60', type: 'UNKNOWN_TABLE' });
		const syntax = await failure(client.command({ query: 'SELECT 1 FROM' }));
		expect(syntax).toMatchObject({ code: '62', type: 'SYNTAX_ERROR' });
		const bad = await failure(client.insert({ table: 'dedup', values: [{ id: 'not a number' }], format: 'JSONEachRow' }));
		expect(bad).toBeInstanceOf(ClickHouseError);
		expect(classify(bad)).toBe('bad_data');
		// One statement per request, as on a server.
		const multi = await failure(client.command({ query: 'SELECT 1; SELECT 2' }));
		expect(multi).toMatchObject({ code: '62' });
		expect(multi.message).toMatch(/Multi-statements are not allowed/);
		// clickhouse-local's `1 + 1` shorthand is not a query on a server either
		expect(await failure(client.query({ query: '1 + 1', format: 'JSONEachRow' }))).toMatchObject({ code: '62' });
		const setting = await failure(client.query({ query: 'SELECT 1', clickhouse_settings: { no_such_setting: 1 } as never }));
		expect(setting).toMatchObject({ code: '115', type: 'UNKNOWN_SETTING' });
	});

	it('works with HTTP compression both ways', async () => {
		const zipped = createClient({ url: shim.url, clickhouse_settings: baseSettings, compression: { request: true, response: true }, log: quiet });
		try {
			await zipped.insert({ table: 'dedup', values: [{ id: 10, name: 'Šarūnas' }], format: 'JSONEachRow' });
			expect(await rows(zipped, 'SELECT name FROM dedup WHERE id = {id:UInt32}', { id: 10 })).toEqual([{ name: 'Šarūnas' }]);
			expect(await failure(zipped.query({ query: 'SELECT * FROM nope' }))).toMatchObject({ code: '60' });
		} finally {
			await zipped.close();
		}
	});

	it('is unavailable with real connection errors after stop() and has its data after start()', async () => {
		await shim.stop();
		const down = await failure(client.query({ query: 'SELECT count() FROM dedup', format: 'JSONEachRow' }));
		expect(down).not.toBeInstanceOf(ClickHouseError);
		expect(down.code).toBe('ECONNREFUSED');
		expect(classify(down)).toBe('unavailable');
		expect(await client.ping()).toMatchObject({ success: false });
		await shim.start();
		expect(await rows(client, 'SELECT count() AS n FROM dedup')).toEqual([{ n: 8 }]);
	});

	it('applies the project migrations in database "callboard" through getStore', async () => {
		const config = loadConfig({ CLICKHOUSE_URL: shim.url, CLICKHOUSE_DATABASE: 'callboard' });
		await ensureDatabase(config);
		const store = await getStore(config);
		expect(store.mode).toBe('server');
		const names = readMigrations().map((m) => m.name);
		expect(await migrate(store.client)).toEqual(names);
		expect(await migrate(store.client)).toEqual([]);
		expect(await rows(store.client, 'SELECT currentDatabase() AS db')).toEqual([{ db: 'callboard' }]);
		const tables = await rows<{ name: string }>(store.client, "SELECT name FROM system.tables WHERE database = 'callboard'");
		expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['schema_migrations', 'call_events', 'contacts']));
		// unqualified names are the request's database, not `default`
		expect(await rows(client, "SELECT count() AS n FROM system.tables WHERE database = 'default' AND name = 'call_events'")).toEqual([{ n: 0 }]);
	});
});

describe('ClickHouse HTTP shim in a child process', () => {
	it('serves, stops with ECONNREFUSED, starts again with its data, closes', async () => {
		const dir = tempDir('shim-process');
		const ch = await spawnClickHouseShim(dir.path);
		const client = createClient({ url: ch.url, clickhouse_settings: baseSettings, log: quiet });
		try {
			expect(await client.ping()).toEqual({ success: true });
			await client.command({ query: 'CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id' });
			await client.insert({ table: 't', values: [{ id: 1 }, { id: 2 }], format: 'JSONEachRow' });
			await ch.stop();
			expect((await failure(client.query({ query: 'SELECT 1' }))).code).toBe('ECONNREFUSED');
			await ch.start();
			expect(await rows(client, 'SELECT sum(id) AS s FROM t')).toEqual([{ s: 3 }]);
		} finally {
			await client.close();
			await ch.close();
			dir.remove();
		}
	}, 90_000);
});
