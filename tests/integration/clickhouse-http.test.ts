/**
 * The server-mode code path (HTTP client, CLICKHOUSE_URL, a named database) on every run:
 * the round-trip suite against chDB behind the ClickHouse HTTP interface in a child process.
 * clickhouse-server.test.ts runs the same suite against a real server when one is configured.
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { join } from 'node:path';
import { loadConfig } from '../../src/lib/server/config/index.ts';
import { closeStore, ensureDatabase, getStore, type Store } from '../../src/lib/server/clickhouse/client.ts';
import { migrate } from '../../src/lib/server/clickhouse/migrate.ts';
import { spawnClickHouseShim, type ShimProcess } from '../helpers/clickhouseShimProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { roundTripSuite, tokenIsolationSuite } from './roundtrip.ts';

describe('ClickHouse round trip: server mode over HTTP', () => {
	const dir = tempDir('http');
	let shim: ShimProcess;
	let store: Store;
	beforeAll(async () => {
		shim = await spawnClickHouseShim(join(dir.path, 'clickhouse'));
		const config = loadConfig({ CLICKHOUSE_URL: shim.url, CLICKHOUSE_DATABASE: 'callboard_http' });
		await ensureDatabase(config);
		store = await getStore(config);
		expect(store.mode).toBe('server');
		await migrate(store.client);
	}, 60_000);
	afterAll(async () => {
		await closeStore();
		await shim?.close();
		dir.remove();
	});
	roundTripSuite(() => store.client);
	tokenIsolationSuite(() => store.client);
});
