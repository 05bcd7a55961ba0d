/**
 * 0008 and 0009 on a database written under the old schema: waits, talk and the rollups keep
 * every value and take waits past 49.7 days (UInt32) exactly; rejected records keep their old
 * words as the detail of the class `legacy` and expire after the default retention.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, readMigrations } from '../../src/lib/server/clickhouse/migrate.ts';
import { sqlDir } from '../../src/lib/server/clickhouse/paths.ts';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { applyRejectedRetention } from '../../ingest/rejectedRetention.ts';

let db: Embedded;
const DAY = 86_400_000;
const LONG_WAIT = 53 * DAY; // 4,579,200,000 ms: more than UInt32 holds
const Q0 = Date.parse('2026-09-01T07:00:00Z');

const rows = async <T>(query: string) => (await (await db.store.client.query({ query, format: 'JSONEachRow' })).json()) as T[];
const rollup = (table: string) =>
	rows<{ offered: number; wait_all: number; talk: number; max_wait: number }>(
		`SELECT toUInt64(sum(offered)) AS offered, toUInt64(sum(wait_all_ms)) AS wait_all, toUInt64(sum(talk_ms)) AS talk, toUInt64(max(max_wait_ms)) AS max_wait FROM ${table}`
	).then((r) => r[0]);
const contact = (id: string, channel: string, waitMs: number, queuedAt = Q0) => ({
	contact_id: id, channel, topic: 'pensions', site: 'siauliai', agent: 'ona', queued_at: queuedAt, answered_at: queuedAt + waitMs,
	ended_at: queuedAt + waitMs + 60_000, due_at: null, outcome: 'answered', wait_ms: waitMs, talk_ms: 60_000, hold_ms: 0, wrap_ms: 5_000,
	announced_wait_s: null, sl_target_s: 60, short_abandon_s: 5, in_service_level: 0, short_abandon: 0, source: 'm8', simulated: 0
});
const insert = (table: string, values: Record<string, unknown>[]) => db.store.client.insert({ table, format: 'JSONEachRow', values });

beforeAll(async () => {
	db = await openEmbedded({}, { migrate: false });
});
afterAll(async () => db.close());

describe('migrations 0008 and 0009 on a database with data', () => {
	it('widen waits with the rollups, keep every row, and class old rejected records', async () => {
		const before = tempDir('mig8-before');
		cpSync(sqlDir('migrations'), before.path, { recursive: true });
		for (const m of readMigrations(before.path)) if (m.name >= '0008') rmSync(join(before.path, m.name));
		await migrate(db.store.client, { dir: before.path });
		// Written under the old schema: the largest wait UInt32 holds, and ordinary ones.
		await insert('contacts', [contact('old-max', 'einquiry', 4_294_967_295), ...Array.from({ length: 40 }, (_, i) => contact(`old-${i}`, 'voice', 1_000 * i, Q0 + i * 60_000))]);
		await insert('call_events', [{ event_id: 'e-old', ts: Q0, call_id: 'c-old', type: 'answered', channel: 'voice', topic: 'pensions', site: '', agent: 'ona', wait_ms: 4_000_000_000, talk_ms: 0, hold_ms: 0, wrap_ms: 0, announced_wait_s: null, estimate_method: '', reason: '', source: 'm8', simulated: 0 }]);
		await insert('rejected_records', [{ received_at: Date.now(), source: 'm8', format: 'ndjson', position: 'line 3', reason: '"wait_ms" 699974160 is more than 7 days', raw: '{}' }]);
		const rollupsBefore = [await rollup('contacts_15m'), await rollup('contacts_1h')];

		// Later migrations (0010 on) follow; these two come first and in order.
		expect((await migrate(db.store.client)).slice(0, 2)).toEqual(['0008_wide_waits.sql', '0009_rejected_detail.sql']);
		expect(await rollup('contacts_15m')).toEqual(rollupsBefore[0]);
		expect(await rollup('contacts_1h')).toEqual(rollupsBefore[1]);
		expect(await rows(`SELECT wait_ms FROM contacts WHERE contact_id = 'old-max'`)).toEqual([{ wait_ms: 4_294_967_295 }]);
		expect(await rows(`SELECT wait_ms FROM call_events WHERE event_id = 'e-old'`)).toEqual([{ wait_ms: 4_000_000_000 }]);

		// An e-inquiry answered after 53 days, stored whole, in the contact and both rollups.
		await insert('contacts', [contact('late', 'einquiry', LONG_WAIT, Q0 + 3 * DAY)]);
		await insert('call_events', [{ event_id: 'e-late', ts: Q0, call_id: 'c-late', type: 'answered', channel: 'einquiry', topic: 'pensions', site: '', agent: 'ona', wait_ms: LONG_WAIT, talk_ms: 0, hold_ms: 0, wrap_ms: 0, announced_wait_s: null, estimate_method: '', reason: '', source: 'm8', simulated: 0 }]);
		expect(await rows(`SELECT wait_ms FROM contacts WHERE contact_id = 'late'`)).toEqual([{ wait_ms: LONG_WAIT }]);
		expect(await rows(`SELECT wait_ms FROM call_events WHERE event_id = 'e-late'`)).toEqual([{ wait_ms: LONG_WAIT }]);
		for (const table of ['contacts_15m', 'contacts_1h']) {
			const r = (await rollup(table))!;
			expect(r.max_wait).toBe(LONG_WAIT);
			expect(r.offered).toBe(rollupsBefore[0]!.offered + 1);
			expect(r.wait_all).toBe(rollupsBefore[0]!.wait_all + LONG_WAIT);
		}
		// The 15-minute rollup's view still writes its wait sketch.
		expect(await rows(`SELECT round(quantilesTDigestMerge(0.5, 0.9)(wait_quantiles)[1]) AS p50 FROM contacts_15m WHERE bucket = toStartOfFifteenMinutes(toDateTime64(${Q0 + 3 * DAY} / 1000, 3, 'UTC'))`)).toEqual([{ p50: LONG_WAIT }]);

		expect(await rows(`SELECT reason, detail, count FROM rejected_records`)).toEqual([
			{ reason: 'legacy', detail: '"wait_ms" 699974160 is more than 7 days', count: 1 }
		]);
		const [t] = await rows<{ engine_full: string }>(`SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = 'rejected_records'`);
		expect(t!.engine_full).toMatch(/TTL toDateTime\(received_at\) \+ toIntervalDay\(90\)/);

		// A run cut short before the ledger is written runs again: every statement, twice, keeps it all.
		const after = [await rollup('contacts_15m'), await rollup('contacts_1h')];
		for (const m of readMigrations().filter((m) => m.name >= '0008'))
			for (const statement of m.statements) await db.store.client.command({ query: statement });
		expect([await rollup('contacts_15m'), await rollup('contacts_1h')]).toEqual(after);
		expect(await rows(`SELECT wait_ms FROM contacts WHERE contact_id = 'late'`)).toEqual([{ wait_ms: LONG_WAIT }]);
		expect(await rows(`SELECT reason, detail, count FROM rejected_records`)).toEqual([
			{ reason: 'legacy', detail: '"wait_ms" 699974160 is more than 7 days', count: 1 }
		]);
		before.remove();
	}, 60_000);

	it('the configured retention replaces the default, once', async () => {
		const ttl = async () => (await rows<{ engine_full: string }>(`SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = 'rejected_records'`))[0]!.engine_full;
		expect(await applyRejectedRetention(db.store.client, 90)).toBe(false); // the migration's default
		expect(await applyRejectedRetention(db.store.client, 30)).toBe(true);
		expect(await ttl()).toMatch(/TTL toDateTime\(received_at\) \+ toIntervalDay\(30\)/);
		expect(await applyRejectedRetention(db.store.client, 30)).toBe(false);
		// Expired rows go: one received 31 days ago is removed by the TTL.
		await insert('rejected_records', [{ received_at: Date.now() - 31 * DAY, source: 'old', format: 'ndjson', position: '', reason: 'not_json', detail: 'x', raw: 'x' }]);
		await db.store.client.command({ query: 'OPTIMIZE TABLE rejected_records FINAL' });
		expect(await rows(`SELECT count() AS n FROM rejected_records WHERE source = 'old'`)).toEqual([{ n: 0 }]);
	});
});
