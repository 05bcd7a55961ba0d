/** POST /api/ingest and `callboard ingest --server` against the real built server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type TestServer } from '../helpers/server.ts';
import { callboard } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';

let server: TestServer;
let ingestToken: string;
const dir = tempDir('api');

beforeAll(async () => {
	const config = join(dir.path, 'callboard.json');
	writeFileSync(config, JSON.stringify({ ingest: { maxBodyBytes: 256 * 1024 } }));
	server = await startServer({ CALLBOARD_CONFIG: config });
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role: 'ingest', name: 'pbx-connector', streams: ['webhook', 'pbx-1'] })
	});
	ingestToken = ((await res.json()) as { token: string }).token;
}, 90_000);
afterAll(async () => {
	await server?.stop();
	dir.remove();
});

const post = (body: string, query = 'format=ndjson') =>
	fetch(`${server.url}/api/ingest?${query}`, { method: 'POST', headers: { authorization: `Bearer ${ingestToken}` }, body });
const admin = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
const stats = async (day: string) => ((await (await admin(`/api/stats?from=${day}`)).json()) as { total: Record<string, number | null> }).total;

// One call on Monday 2 November 2026 (Vilnius), in pieces as a webhook would send it.
const call = [
	'{"type":"call.queued","ts":"2026-11-02T09:00:00+02:00","call_id":"w-1","topic":"benefits"}',
	'{"type":"call.answered","ts":"2026-11-02T09:00:40+02:00","call_id":"w-1","agent":"ona","site":"siauliai"}',
	'{"type":"call.ended","ts":"2026-11-02T09:05:40+02:00","call_id":"w-1","talk_ms":280000,"hold_ms":20000}',
	'{"type":"call.wrapup_ended","ts":"2026-11-02T09:06:40+02:00","call_id":"w-1","wrap_ms":60000}'
];

describe('POST /api/ingest', () => {
	it('answers with counts once the batch is in ClickHouse, and the figures show it', async () => {
		const first = await post(call.slice(0, 2).join('\n'));
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({ accepted: 2, duplicates: 0, rejected: 0, ignored: 0, status: 'inserted' });
		const second = await post(call.slice(2).join('\n') + '\nnot json at all');
		expect(await second.json()).toMatchObject({ accepted: 2, rejected: 1, status: 'inserted' });
		const t = await stats('2026-11-02');
		expect(t).toMatchObject({ offered: 1, answered: 1, asa_s: 40, aht_s: 360, talk_s: 280, hold_s: 20, wrap_s: 60 });
	});

	it('counts a redelivered body once: duplicates are reported and the figures do not move', async () => {
		const again = await post(call.slice(2).join('\n') + '\nnot json at all');
		expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 2 });
		const oneEvent = await post(call[0]!); // the same event alone, in a new body
		expect(await oneEvent.json()).toMatchObject({ accepted: 0, duplicates: 1 });
		expect(await stats('2026-11-02')).toMatchObject({ offered: 1, answered: 1 });
	});

	it('refuses bodies over the size limit (413) and unknown formats (400)', async () => {
		expect((await post('x'.repeat(300 * 1024))).status).toBe(413);
		const bad = await post('{}', 'format=excel');
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: string }).error).toMatch(/unknown format "excel"/);
	});

	it('shows operators the rejected records with their reasons, and ingest metrics', async () => {
		const res = await admin('/api/ingest/rejected?limit=10');
		expect(res.status).toBe(200);
		const body = (await res.json()) as { latest: { reason: string; detail: string; raw: string; format: string }[] };
		expect(body.latest.some((r) => r.raw === 'not json at all' && r.reason === 'not_json' && /not JSON/.test(r.detail) && r.format === 'ndjson')).toBe(true);
		const metrics = await (await admin('/metrics')).text();
		expect(metrics).toMatch(/callboard_ingest_records_total\{format="ndjson",result="accepted"\} [1-9]/);
		expect(metrics).toMatch(/callboard_ingest_rejected_total\{format="ndjson",reason="not_json"\} [1-9]/);
		expect(metrics).toMatch(/callboard_ingest_flush_seconds_count [1-9]/);
	});

	it('takes a file from `callboard ingest --server`, exactly once however often it is sent', async () => {
		const sample = fileURLToPath(new URL('../../../shared/samples/asterisk/queue_log-20220801', import.meta.url));
		const args = ['ingest', '--format', 'queue-log', sample, '--server', server.url, '--token', ingestToken, '--stream', 'pbx-1'];
		const first = await callboard(args, {}).done;
		expect(first.code, first.output).toBe(0);
		expect(first.output).toMatch(/232 accepted/);
		const again = await callboard(args, {}).done;
		expect(again.output, again.output).toMatch(/0 accepted, 232 duplicates/);
		// The sample's calls were in July 2022 (27 abandoned, 3 answered).
		const t = await stats('2022-07-01&to=2022-08-31');
		expect(t).toMatchObject({ offered: 30, answered: 3, abandoned: 27 });
	}, 60_000);

	it('sends a file larger than the server takes in one body: refused bodies go again in halves', async () => {
		// 2,000 calls on Tuesday 3 November 2026, about 0.5 MB: twice this server's 256 KiB limit.
		const lines: string[] = [];
		for (let i = 0; i < 2_000; i++) {
			const at = Date.parse('2026-11-03T08:00:00+02:00') + i * 10_000;
			lines.push(JSON.stringify({ type: 'call.queued', ts: at, call_id: `big-${i}`, topic: 'pensions', channel: 'voice' }));
			lines.push(JSON.stringify({ type: 'call.abandoned', ts: at + 30_000, call_id: `big-${i}`, wait_ms: 30_000 }));
		}
		const file = join(dir.path, 'big.ndjson');
		writeFileSync(file, lines.join('\n') + '\n');
		const run = await callboard(['ingest', '--format', 'ndjson', file, '--server', server.url, '--token', ingestToken, '--stream', 'webhook'], {}).done;
		expect(run.code, run.output).toBe(0);
		expect(run.output).toMatch(/4000 accepted, 0 duplicates, 0 rejected/);
		await expect.poll(async () => (await stats('2026-11-03')).abandoned, { timeout: 10_000 }).toBe(2_000);
	}, 60_000);

	it('sends a Genesys document larger than the server takes as halves of its conversations', async () => {
		const one = readFileSync(fileURLToPath(new URL('../fixtures/genesys/voice-abandoned.json', import.meta.url)), 'utf8');
		// 400 abandoned calls (about 0.6 MB) on Wednesday 4 March 2026: over this server's 256 KiB.
		const conversations = Array.from({ length: 400 }, (_, i) => JSON.parse(one.replaceAll('0f1a0002-0000-4000-8000-000000000002', `0f1a0002-0000-4000-8000-${String(i).padStart(12, '0')}`).replaceAll('2026-03-02T08', '2026-03-04T08')));
		const file = join(dir.path, 'genesys.json');
		writeFileSync(file, JSON.stringify({ conversations }, null, 1));
		const run = await callboard(['ingest', '--format', 'genesys', file, '--server', server.url, '--token', ingestToken, '--stream', 'webhook'], {}).done;
		expect(run.code, run.output).toBe(0);
		expect(run.output).toMatch(/400 accepted, 0 duplicates, 0 rejected/);
		await expect.poll(async () => (await stats('2026-03-04')).offered, { timeout: 10_000 }).toBe(400);
	}, 60_000);

	it('says plainly, without a stack trace, when the server refuses or --follow cannot go through it', async () => {
		const sample = fileURLToPath(new URL('../../../shared/samples/asterisk/queue_log-20220801', import.meta.url));
		const elsewhere = await callboard(['ingest', '--format', 'queue-log', sample, '--server', server.url, '--token', ingestToken, '--stream', 'pbx-9'], {}).done;
		expect(elsewhere.code, elsewhere.output).toBe(1);
		expect(elsewhere.output).toContain(`403 from ${server.url}`);
		expect(elsewhere.output).toContain('an ingest token writes only to its streams');
		expect(elsewhere.output, 'a stack trace was printed').not.toMatch(/^\s+at /m);
		// The simulator's refusal names the two streams its token needs.
		const simulator = await callboard(['simulate', '--history', '--years', '1', '--server', server.url, '--token', ingestToken], {}).done;
		expect(simulator.code, simulator.output).toBe(1);
		expect(simulator.output).toContain('--stream simulator-history,simulator-live');
		expect(simulator.output, 'a stack trace was printed').not.toMatch(/^\s+at /m);
		const follow = await callboard(['ingest', '--format', 'queue-log', '--follow', sample, '--server', server.url, '--token', ingestToken], {}).done;
		expect(follow.code, follow.output).toBe(2);
		expect(follow.output).toContain('INGEST_SOURCE');
	}, 60_000);
});
