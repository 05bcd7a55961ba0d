import { getConfig } from '../../config/index.ts';
import { closeStore, ensureDatabase, getStore } from '../../clickhouse/client.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { IngestWriter } from '../../../../../ingest/ingestWriter.ts';
import { Spool } from '../../../../../ingest/spool.ts';
import { GenesysConnector } from '../../../../../ingest/sources/genesys/connector.ts';
import { UsageError, parse } from '../args.ts';

export const help = `callboard connect genesys
  Follows a Genesys Cloud organisation (GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET,
  GENESYS_REGION) into ClickHouse until stopped: the topics' queues (topics[].queues), their
  finished conversations every genesys.reconcileSeconds, caught up from the last checkpoint
  after a restart. Several may run against one ClickHouse server: each contact counts once.
  In embedded mode the server runs the connector itself: INGEST_SOURCE=genesys.`;

export async function run(argv: string[]): Promise<void> {
	const { positionals } = parse(argv, {});
	if (positionals[0] !== 'genesys') throw new UsageError('connect what? "callboard connect genesys"');
	const config = getConfig();
	await ensureDatabase(config);
	let store;
	try {
		store = await getStore(config);
	} catch (e) {
		if (/in use by another callboard process/.test((e as Error).message))
			throw new Error(`${(e as Error).message}\nIn embedded mode the running server runs the connector: start it with INGEST_SOURCE=genesys.`);
		throw e;
	}
	await migrate(store.client);
	const writer = new IngestWriter(store.client, new Spool(config.ingest.spoolDir, config.ingest.spoolMaxBytes), (l) => console.error(l), {
		fromFiles: store.mode === 'embedded'
	});
	const abort = new AbortController();
	process.once('SIGINT', () => abort.abort());
	process.once('SIGTERM', () => abort.abort());
	const connector = new GenesysConnector({ db: store.client, writer, config, env: process.env, signal: abort.signal, log: (l) => console.error(l) });
	try {
		await connector.run();
	} finally {
		await writer.flushed();
		await writer.stop();
		await closeStore();
	}
	if (connector.status.state === 'stopped' && connector.status.lastError && !abort.signal.aborted) {
		throw new UsageError(`genesys: ${connector.status.lastError}`);
	}
}
