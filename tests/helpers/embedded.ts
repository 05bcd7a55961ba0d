/**
 * A real embedded ClickHouse (chDB) for one test file, in a temp directory, migrated.
 * chDB allows one data directory per process; vitest runs each file in its own process.
 */
import { loadConfig, setConfig, type Config } from '../../src/lib/server/config/index.ts';
import { closeStore, getStore, type Store } from '../../src/lib/server/clickhouse/client.ts';
import { migrate } from '../../src/lib/server/clickhouse/migrate.ts';
import { tempDir } from './tempDir.ts';

export type Embedded = { config: Config; store: Store; dir: string; close: () => Promise<void> };

export async function openEmbedded(env: Record<string, string> = {}, opts: { migrate?: boolean } = {}): Promise<Embedded> {
	const dir = tempDir('chdb');
	const config = loadConfig({ DATA_DIR: dir.path, ...env });
	setConfig(config);
	const store = await getStore(config);
	if (opts.migrate !== false) await migrate(store.client);
	return {
		config,
		store,
		dir: dir.path,
		close: async () => {
			await closeStore();
			dir.remove();
		}
	};
}
