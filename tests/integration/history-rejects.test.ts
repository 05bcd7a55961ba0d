/**
 * Issue #14 item 7, on the path the demo takes at its first start: the simulator's history
 * through the real ingest (parser, pipeline, spool, writer, chDB). A month in which e-inquiries
 * are answered weeks late is stored whole: no rejected record, and the late ones with their
 * whole wait in contacts and in the rollup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillHistory } from '../../src/lib/server/simulation/history.ts';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { newWriter, tableCounts } from '../helpers/ingest.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
});
afterAll(async () => db.close());

const rows = async <T>(query: string) => (await (await db.store.client.query({ query, format: 'JSONEachRow' })).json()) as T[];

describe('simulated history through ingest', () => {
	it('a month with e-inquiries answered weeks late: nothing rejected, every wait whole', async () => {
		const writer = newWriter(db.store.client, db.config);
		const range = { seed: 1, from: new Date('2025-12-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
		const result = await backfillHistory({ db: db.store.client, writer, config: db.config, range }).finally(() => writer.stop());
		expect(result.rejected).toBe(0);
		expect((await tableCounts(db.store.client)).rejected).toBe(0);
		const [late] = await rows<{ n: number; longest: number }>(
			`SELECT toUInt64(count()) AS n, toUInt64(max(wait_ms)) AS longest FROM contacts WHERE channel = 'einquiry' AND wait_ms > 7 * 86400000`
		);
		expect(late!.n).toBeGreaterThan(0);
		const [rollup] = await rows<{ longest: number }>(`SELECT toUInt64(max(max_wait_ms)) AS longest FROM contacts_15m WHERE channel = 'einquiry'`);
		expect(rollup!.longest).toBe(late!.longest);
	}, 300_000);
});
