import { getConfig } from '../../config/index.ts';
import { closeStore, ensureDatabase, getStore } from '../../clickhouse/client.ts';
import { migrate, migrationStatus } from '../../clickhouse/migrate.ts';
import { parse } from '../args.ts';

export const help = `callboard migrate [--status]
  Applies the numbered files in sql/migrations that are not yet in the ledger.
  --status  lists applied and pending migrations without changing anything.`;

export async function run(argv: string[]): Promise<void> {
	const { values } = parse(argv, { status: { type: 'boolean' } });
	const config = getConfig();
	await ensureDatabase(config);
	const store = await getStore(config);
	try {
		if (values.status) {
			const s = await migrationStatus(store.client);
			for (const name of s.applied) console.log(`applied  ${name}`);
			for (const name of s.pending) console.log(`pending  ${name}`);
			return;
		}
		const done = await migrate(store.client, { log: console.log });
		console.log(done.length ? `${done.length} migration(s) applied` : 'schema is current');
	} finally {
		await closeStore();
	}
}
