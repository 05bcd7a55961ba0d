import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, migrationStatus, readMigrations, MigrationError } from '../../src/lib/server/clickhouse/migrate.ts';
import { sqlDir } from '../../src/lib/server/clickhouse/paths.ts';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { tempDir } from '../helpers/tempDir.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded({}, { migrate: false });
});
afterAll(async () => db.close());

describe('migrations on embedded ClickHouse', () => {
	it('apply on an empty database, recording each in the ledger', async () => {
		const all = readMigrations().map((m) => m.name);
		expect(await migrate(db.store.client)).toEqual(all);
		const rs = await db.store.client.query({ query: 'SELECT name FROM schema_migrations ORDER BY name', format: 'JSONEachRow' });
		expect((await rs.json<{ name: string }>()).map((r) => r.name)).toEqual(all);
		const tables = await db.store.client.query({ query: "SELECT name FROM system.tables WHERE database = currentDatabase()", format: 'JSONEachRow' });
		const names = (await tables.json<{ name: string }>()).map((r) => r.name);
		for (const t of ['call_events', 'agent_events', 'contacts', 'contacts_15m', 'rejected_records', 'ingest_checkpoints', 'users', 'api_tokens'])
			expect(names).toContain(t);
	});

	it('apply again as a no-op', async () => {
		expect(await migrate(db.store.client)).toEqual([]);
		expect((await migrationStatus(db.store.client)).pending).toEqual([]);
	});

	it('refuse a migration edited after it was applied', async () => {
		const dir = tempDir('mig');
		cpSync(sqlDir('migrations'), dir.path, { recursive: true });
		const first = readMigrations(dir.path)[0]!.name;
		appendFileSync(join(dir.path, first), '\n-- an innocent-looking edit\n');
		await expect(migrate(db.store.client, { dir: dir.path })).rejects.toThrow(MigrationError);
		await expect(migrate(db.store.client, { dir: dir.path })).rejects.toThrow(/was edited after it was applied/);
		dir.remove();
	});
});
