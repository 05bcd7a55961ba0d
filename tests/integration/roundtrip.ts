/**
 * The client round trip, shared by the embedded run and the server run: the same code and
 * SQL against both engines.
 */
import { expect, it } from 'vitest';
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../../src/lib/server/clickhouse/sql.ts';
import { periodStats } from '../../src/lib/server/stats/periodStats.ts';
import { localDateRange } from '../../src/lib/server/stats/periodRange.ts';

const contact = (id: string, overrides: Record<string, unknown> = {}) => ({
	contact_id: id,
	channel: 'voice',
	topic: 'pensions',
	site: 'siauliai',
	agent: 'ona',
	queued_at: Date.parse('2026-11-23T08:00:00Z'),
	answered_at: Date.parse('2026-11-23T08:00:30Z'),
	ended_at: Date.parse('2026-11-23T08:05:30Z'),
	due_at: null,
	outcome: 'answered',
	wait_ms: 30_000,
	talk_ms: 280_000,
	hold_ms: 20_000,
	wrap_ms: 60_000,
	announced_wait_s: 45,
	sl_target_s: 60,
	short_abandon_s: 5,
	in_service_level: 1,
	short_abandon: 0,
	source: 'test',
	simulated: 0,
	...overrides
});

export function roundTripSuite(client: () => ClickHouseClient) {
	it('binds parameters instead of pasting values', async () => {
		const rs = await client().query({
			query: 'SELECT {s:String} AS s, {n:UInt32} + 1 AS n',
			query_params: { s: "Šiauliai'; DROP TABLE contacts; --", n: 41 },
			format: 'JSONEachRow'
		});
		expect(await rs.json()).toEqual([{ s: "Šiauliai'; DROP TABLE contacts; --", n: 42 }]);
	});

	it('inserts contacts and reads them back through the rollup; a retried batch is stored once', async () => {
		const batch = [contact('rt-1'), contact('rt-2', { outcome: 'abandoned', answered_at: null, wait_ms: 3000, talk_ms: 0, hold_ms: 0, wrap_ms: 0, site: '', agent: '', in_service_level: 0, short_abandon: 1 })];
		for (let i = 0; i < 2; i++)
			await client().insert({
				table: 'contacts',
				values: batch,
				format: 'JSONEachRow',
				clickhouse_settings: { insert_deduplication_token: 'roundtrip-batch-1' }
			});
		const raw = await queryRows<{ n: number }>(client(), 'test/contacts_by_source', { source: 'test' });
		expect(raw[0]!.n).toBe(2);
		const stats = await periodStats(client(), localDateRange('2026-11-23', null, 'Europe/Vilnius'), { topic: null, site: null, channel: null }, 'Europe/Vilnius');
		expect(stats.total).toMatchObject({ offered: 2, answered: 1, abandoned: 1, short_abandoned: 1, asa_s: 30, aht_s: 360, max_wait_s: 30 });
		expect(stats.total.service_level).toBe(1); // 1 in SL ÷ (2 offered − 1 short abandon)
		// Per site: answered-call figures only; queue-wide ones are empty, not computed over answered calls.
		expect(stats.bySite.siauliai).toMatchObject({ answered: 1, asa_s: 30, offered: null, abandon_rate: null, service_level: null });
		expect(Object.keys(stats.bySite)).toEqual(['siauliai']);
	});
}

/** Regression: a dedup token must not leak from one insert to the next (chDB applies settings with SET). */
export function tokenIsolationSuite(client: () => ClickHouseClient) {
	it('does not carry one insert\'s dedup token over to the next insert', async () => {
		const row = (id: string) => contact(id, { source: 'token-isolation' });
		await client().insert({ table: 'contacts', values: [row('ti-1')], format: 'JSONEachRow', clickhouse_settings: { insert_deduplication_token: 'ti-token' } });
		await client().insert({ table: 'contacts', values: [row('ti-2')], format: 'JSONEachRow' });
		await client().insert({ table: 'contacts', values: [row('ti-3')], format: 'JSONEachRow' });
		const [{ n }] = (await queryRows<{ n: number }>(client(), 'test/contacts_by_source', { source: 'token-isolation' })) as [{ n: number }];
		expect(n).toBe(3);
	});
}
