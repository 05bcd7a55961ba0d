import { afterAll, beforeAll, describe } from 'vitest';
import { loadConfig } from '../../src/lib/server/config/index.ts';
import { closeStore, ensureDatabase, getStore, type Store } from '../../src/lib/server/clickhouse/client.ts';
import { migrate } from '../../src/lib/server/clickhouse/migrate.ts';
import { roundTripSuite, tokenIsolationSuite } from './roundtrip.ts';

const url = process.env.CLICKHOUSE_URL;
if (!url)
	console.warn(
		'SKIPPED: ClickHouse server round trip: CLICKHOUSE_URL is not set. Set it (and CLICKHOUSE_USER/PASSWORD) to run the same suite against a server.'
	);

describe.skipIf(!url)('ClickHouse round trip: server at CLICKHOUSE_URL', () => {
	let store: Store;
	beforeAll(async () => {
		const config = loadConfig({ ...process.env, CLICKHOUSE_DATABASE: `callboard_test_${process.pid}` });
		await ensureDatabase(config);
		store = await getStore(config);
		await migrate(store.client);
	});
	afterAll(async () => {
		await store.client.command({ query: `DROP DATABASE IF EXISTS callboard_test_${process.pid}` });
		await closeStore();
	});
	roundTripSuite(() => store.client);
	tokenIsolationSuite(() => store.client);
});
