/**
 * Through the built server, fed as a connector feeds it (POST /api/ingest):
 * - issue #14 items 6 and 7: an e-inquiry answered after 53 days is stored and shows its wait
 *   in /api/stats (it was refused as "more than 7 days", and as events stored 2^32 ms short);
 * - issue #16 item 8: a body of two million nulls leaves a bounded number of rejected rows and
 *   a summary with the count, and the table expires (TTL from the configuration);
 * - issue #14 "Also": /api/ingest/rejected groups by reason class, the value in the detail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type TestServer } from '../helpers/server.ts';
import { tempDir } from '../helpers/tempDir.ts';

let server: TestServer;
let ingestToken: string;
const dir = tempDir('rejected');
const DAY_S = 86_400;

type ByReason = { reason: string; n: number; rows: number; source: string; position: string; detail: string; raw: string };

beforeAll(async () => {
	const config = join(dir.path, 'callboard.json');
	writeFileSync(config, JSON.stringify({ ingest: { rejectedRetentionDays: 30 } }));
	server = await startServer({ CALLBOARD_CONFIG: config });
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role: 'ingest', name: 'backfill', streams: ['mail', 'junk', 'junk-genesys', 'calls', 'retry'] })
	});
	ingestToken = ((await res.json()) as { token: string }).token;
}, 90_000);
afterAll(async () => {
	await server?.stop();
	dir.remove();
});

const post = (body: string, stream: string, format = 'ndjson') =>
	fetch(`${server.url}/api/ingest?format=${format}&stream=${stream}`, { method: 'POST', headers: { authorization: `Bearer ${ingestToken}` }, body });
const admin = async (path: string) => (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json();
const einquiryStats = async (day: string) =>
	((await admin(`/api/stats?from=${day}&to=${day}&channel=einquiry`)) as { total: Record<string, number | null> }).total;
const byReason = async (source: string) => {
	const body = (await admin(`/api/ingest/rejected?source=${source}`)) as { byReason: ByReason[] };
	if (!body.byReason) throw new Error(JSON.stringify(body));
	return body.byReason;
};

describe('written work that waits for weeks', () => {
	it('an e-inquiry answered after 53 days, sent as events, shows its whole wait', async () => {
		const res = await post(
			[
				'{"type":"einquiry.received","ts":"2026-09-01T09:00:00+03:00","call_id":"ei-53","topic":"pensions"}',
				'{"type":"einquiry.answered","ts":"2026-10-24T09:00:00+03:00","call_id":"ei-53","agent":"ona","site":"siauliai"}'
			].join('\n'),
			'mail'
		);
		expect(await res.json()).toMatchObject({ accepted: 2, rejected: 0 });
		expect(await einquiryStats('2026-09-01')).toMatchObject({ offered: 1, answered: 1, asa_s: 53 * DAY_S, max_wait_s: 53 * DAY_S });
	});

	it('an e-inquiry answered after 53 days, sent as a contact (a backfill), is stored, not refused', async () => {
		const queued = Date.parse('2026-09-02T06:00:00Z');
		const wait = 53 * DAY_S * 1000;
		const line = JSON.stringify({
			type: 'contact', contact_id: 'ei-53-backfill', channel: 'einquiry', topic: 'pensions', agent: 'ona', site: 'siauliai',
			queued_at: queued, answered_at: queued + wait, ended_at: queued + wait, outcome: 'answered', wait_ms: wait, talk_ms: 0, hold_ms: 0, wrap_ms: 0
		});
		expect(await (await post(line, 'mail')).json()).toMatchObject({ accepted: 1, rejected: 0 });
		expect(await einquiryStats('2026-09-02')).toMatchObject({ offered: 1, answered: 1, max_wait_s: 53 * DAY_S });
	});
});

describe('rejected records', () => {
	it('a body of two million nulls leaves a bounded number of rows, and a summary with the count', async () => {
		const started = Date.now();
		const res = await post('null\n'.repeat(2_000_000), 'junk');
		const seconds = (Date.now() - started) / 1000;
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ accepted: 0, rejected: 2_000_000 });
		const [nulls] = await byReason('junk');
		expect(nulls).toMatchObject({ reason: 'not_json', n: 2_000_000, source: 'junk' });
		expect(nulls!.rows).toBeLessThanOrEqual(1001);
		console.log(`2,000,000 nulls: ${seconds.toFixed(1)} s, ${nulls!.rows} rows stored`);
	}, 120_000);

	it('a retried body past the cap stores nothing new: the summary row is the same batch', async () => {
		const body = Array.from({ length: 1_500 }, (_, i) => `{"type":"call.queued","call_id":"r-${i}"}`).join('\n');
		for (let i = 0; i < 2; i++) expect(await (await post(body, 'retry')).json()).toMatchObject({ accepted: 0, rejected: 1_500 });
		const [missing] = await byReason('retry');
		expect(missing).toMatchObject({ reason: 'missing_field', n: 1_500, rows: 1_001 });
	});

	it('a Genesys array of nulls is bounded the same way', async () => {
		const res = await post(`[${Array(200_000).fill('null').join(',')}]`, 'junk-genesys', 'genesys');
		expect(await res.json()).toMatchObject({ rejected: 200_000 });
		const [r] = await byReason('junk-genesys');
		expect(r).toMatchObject({ reason: 'bad_document', n: 200_000 });
		expect(r!.rows).toBeLessThanOrEqual(1001);
	}, 60_000);

	it('groups by class, not by value: two different over-long waits are one group, the values in the detail', async () => {
		const answered = (id: string, wait: number) => `{"type":"call.answered","ts":"2026-11-02T09:00:00+02:00","call_id":"${id}","agent":"ona","wait_ms":${wait}}`;
		const res = await post([answered('c1', 699_974_160), answered('c2', 699_974_161), 'not json'].join('\n'), 'calls');
		expect(await res.json()).toMatchObject({ rejected: 3 });
		const groups = await byReason('calls');
		expect(groups.map((g) => [g.reason, g.n])).toEqual([['wait_too_long', 2], ['not_json', 1]]);
		expect(groups[0]!.detail).toMatch(/"wait_ms" 69997416[01] is more than a call queue's 4 hours/);
		const list = (await admin('/api/ingest/rejected?source=calls&reason=wait_too_long')) as { latest: { detail: string; count: number }[] };
		expect(list.latest.map((r) => r.detail.match(/\d{9}/)?.[0]).sort()).toEqual(['699974160', '699974161']);
		expect(await fetch(`${server.url}/api/ingest/rejected?reason=nonsense`, { headers: { authorization: `Bearer ${server.adminToken}` } }).then((r) => r.status)).toBe(400);
	});
});
