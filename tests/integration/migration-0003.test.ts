/**
 * 0003 adds the hourly rollup to a database that already has contacts: its one-time fill
 * from the 15-minute rollup must match exactly, new contacts must reach both, and running
 * the fill again must add nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, readMigrations } from '../../src/lib/server/clickhouse/migrate.ts';
import { sqlDir } from '../../src/lib/server/clickhouse/paths.ts';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { tempDir } from '../helpers/tempDir.ts';

let db: Embedded;
const sums = async (table: string) => {
	const rs = await db.store.client.query({
		query: `SELECT toUInt64(sum(offered)) AS offered, toUInt64(sum(answered)) AS answered, toUInt64(sum(wait_all_ms)) AS wait, toUInt32(max(max_wait_ms)) AS max_wait FROM ${table}`,
		format: 'JSONEachRow'
	});
	return (await rs.json())[0];
};
const insertContacts = async (prefix: string, n: number) =>
	db.store.client.insert({
		table: 'contacts',
		format: 'JSONEachRow',
		values: Array.from({ length: n }, (_, i) => ({
			contact_id: `${prefix}-${i}`, channel: 'voice', topic: 'pensions', site: 'siauliai', agent: 'ona',
			queued_at: Date.parse('2026-03-29T00:10:00Z') + i * 7 * 60_000, answered_at: null, ended_at: Date.parse('2026-03-29T00:10:00Z') + i * 7 * 60_000 + 60_000,
			due_at: null, outcome: i % 3 ? 'answered' : 'abandoned', wait_ms: 1_000 * (i % 97), talk_ms: 0, hold_ms: 0, wrap_ms: 0, announced_wait_s: null,
			sl_target_s: 60, short_abandon_s: 5, in_service_level: 1, short_abandon: 0, source: 'm3', simulated: 0
		}))
	});

beforeAll(async () => {
	db = await openEmbedded({}, { migrate: false });
});
afterAll(async () => db.close());

describe('migration 0003 on a database with data', () => {
	it('fills the hourly rollup once, exactly, and keeps it current after', async () => {
		const before = tempDir('mig-before');
		cpSync(sqlDir('migrations'), before.path, { recursive: true });
		for (const m of readMigrations(before.path)) if (m.name >= '0003') rmSync(join(before.path, m.name));
		await migrate(db.store.client, { dir: before.path });
		await insertContacts('old', 500);
		await migrate(db.store.client); // applies 0003 with its fill
		expect(await sums('contacts_1h')).toEqual(await sums('contacts_15m'));
		await insertContacts('new', 50);
		expect(await sums('contacts_1h')).toEqual(await sums('contacts_15m'));
		// The guarded fill does nothing the second time.
		const fill = readMigrations().find((m) => m.name.startsWith('0003'))!.statements.at(-1)!;
		await db.store.client.command({ query: fill });
		expect(await sums('contacts_1h')).toEqual(await sums('contacts_15m'));
		expect((await sums('contacts_1h')) as { offered: number }).toMatchObject({ offered: 550 });
		before.remove();
	});
});
