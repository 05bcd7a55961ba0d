/**
 * Every period metric on hand-made events, through the real ingest path and the real
 * engine, read with the same code as GET /api/stats. Edge cases: a call queued before
 * midnight (Vilnius) and answered after it, a short abandon, hold and wrap-up, and a
 * callback asked for before a weekend and a holiday.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath } from '../helpers/ingest.ts';
import { localDateRange } from '../../src/lib/server/stats/periodRange.ts';
import { periodStats } from '../../src/lib/server/stats/periodStats.ts';
import { queryRows } from '../../src/lib/server/clickhouse/sql.ts';

let db: Embedded;
const v = (local: string) => `${local}+02:00`; // Vilnius in winter
const events = [
	// A: queued Mon 30 Nov 2026 23:59:30, answered Tue 1 Dec 00:00:40 (70 s): belongs to Monday.
	{ type: 'call.queued', ts: v('2026-11-30T23:59:30'), call_id: 'A', topic: 'pensions' },
	{ type: 'call.answered', ts: v('2026-12-01T00:00:40'), call_id: 'A', agent: 'ona', site: 'siauliai' },
	{ type: 'call.ended', ts: v('2026-12-01T00:05:40'), call_id: 'A', talk_ms: 240_000, hold_ms: 60_000 },
	{ type: 'call.wrapup_ended', ts: v('2026-12-01T00:06:40'), call_id: 'A', wrap_ms: 60_000 },
	// B: Tue, answered after 20 s, with hold and wrap-up.
	{ type: 'call.queued', ts: v('2026-12-01T09:00:00'), call_id: 'B', topic: 'pensions' },
	{ type: 'call.answered', ts: v('2026-12-01T09:00:20'), call_id: 'B', agent: 'jonas', site: 'panevezys' },
	{ type: 'call.ended', ts: v('2026-12-01T09:04:20'), call_id: 'B', talk_ms: 200_000, hold_ms: 40_000 },
	{ type: 'call.wrapup_ended', ts: v('2026-12-01T09:05:20'), call_id: 'B', wrap_ms: 60_000 },
	// C: Tue, short abandon after 3 s (threshold 5 s).
	{ type: 'call.queued', ts: v('2026-12-01T09:10:00'), call_id: 'C', topic: 'pensions' },
	{ type: 'call.abandoned', ts: v('2026-12-01T09:10:03'), call_id: 'C' },
	// D: Tue, abandon after 100 s.
	{ type: 'call.queued', ts: v('2026-12-01T09:20:00'), call_id: 'D', topic: 'pensions' },
	{ type: 'call.abandoned', ts: v('2026-12-01T09:21:40'), call_id: 'D' },
	// E: Wed 23 Dec 2026, just before closing: a callback asked for after 30 s in the queue.
	// 24, 25 and 26 Dec are holidays and the 27th a Sunday, so it is due at the close of
	// Monday 28 Dec; it is made that morning.
	{ type: 'call.queued', ts: v('2026-12-23T16:59:00'), call_id: 'E', topic: 'benefits' },
	{ type: 'call.callback_requested', ts: v('2026-12-23T16:59:30'), call_id: 'E', topic: 'benefits' },
	{ type: 'call.callback_completed', ts: v('2026-12-28T10:00:00'), call_id: 'E', agent: 'ona', site: 'siauliai' }
];

beforeAll(async () => {
	db = await openEmbedded();
	const file = join(db.dir, 'edges.ndjson');
	writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
	await ingestPath(db.store.client, db.config, file, 'ndjson', 'edges');
});
afterAll(async () => db.close());

const stats = (from: string, to = from, channel = 'voice') =>
	periodStats(db.store.client, localDateRange(from, to, 'Europe/Vilnius'), { topic: null, site: null, channel }, 'Europe/Vilnius');

describe('metric definitions on hand-made events', () => {
	it('a call queued before midnight counts on the day it was queued', async () => {
		expect((await stats('2026-11-30')).total).toMatchObject({ offered: 1, answered: 1, asa_s: 70, service_level: 0 });
		// 70 s > the pensions target of 60 s: answered, but not within the service level.
	});

	it('Tuesday: ASA counts answered calls only, the average wait counts every caller', async () => {
		const t = (await stats('2026-12-01')).total;
		expect(t).toMatchObject({ offered: 3, answered: 1, abandoned: 2, short_abandoned: 1, asa_s: 20, max_wait_s: 100 });
		expect(t.avg_wait_s).toBeCloseTo((20 + 3 + 100) / 3, 9);
		// Short abandons leave service level and abandon rate: 1 of (3 − 1) in SL, 1 of 2 abandoned.
		expect(t.service_level).toBe(0.5);
		expect(t.abandon_rate).toBe(0.5);
	});

	it('AHT is talk + hold + wrap-up per answered call, with its parts', async () => {
		const t = (await stats('2026-11-30', '2026-12-01')).total;
		expect(t).toMatchObject({ answered: 2, talk_s: 220, hold_s: 50, wrap_s: 60, aht_s: 330 });
	});

	it('a callback asked for before Christmas and a weekend is due at Monday\'s close, and counts as answered on the callback channel', async () => {
		const [cb] = await queryRows<{ due: string; wait_ms: number; outcome: string }>(db.store.client, 'test/callback_contact', { source: 'edges' });
		expect(cb).toEqual({ due: '2026-12-28 15:00:00.000', outcome: 'answered', wait_ms: (4 * 86_400 + 17 * 3600 + 30) * 1000 });
		expect((await stats('2026-12-23', '2026-12-23', 'callback')).total).toMatchObject({ offered: 1, answered: 1 });
		// The voice call itself ended in a callback request: offered, not answered.
		expect((await stats('2026-12-23')).total).toMatchObject({ offered: 1, answered: 0, abandoned: 0 });
	});
});
