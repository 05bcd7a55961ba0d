/**
 * Scheduled exports through the real built server: calls fed through POST /api/ingest, the
 * month frozen through the report API, a schedule added and sent through /api/admin/exports to
 * a local SMTP receiver configured like a real one (config file, password from SMTP_PASSWORD).
 * The PDF that arrives is byte for byte what GET /api/reports/YYYY-MM.pdf serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type TestServer } from '../helpers/server.ts';
import { attachmentOf, startSmtpReceiver, type SmtpReceiver } from '../helpers/smtpReceiver.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { earlierToday, CENTRE_ZONE } from '../helpers/today.ts';
import { localDateOf } from '../../src/lib/server/stats/periodRange.ts';
import ExcelJS from 'exceljs';

let server: TestServer;
let rx: SmtpReceiver;
const dir = tempDir('exports-api');
const PASSWORD = 'smtp-pw-only-in-env';

const call = [
	'{"type":"call.queued","ts":"2026-11-02T09:00:00+02:00","call_id":"x-1","topic":"benefits"}',
	'{"type":"call.answered","ts":"2026-11-02T09:00:40+02:00","call_id":"x-1","agent":"ona","site":"siauliai"}',
	'{"type":"call.ended","ts":"2026-11-02T09:05:40+02:00","call_id":"x-1","talk_ms":280000,"hold_ms":20000}',
	'{"type":"call.wrapup_ended","ts":"2026-11-02T09:06:40+02:00","call_id":"x-1","wrap_ms":60000}'
];

beforeAll(async () => {
	rx = await startSmtpReceiver({ failures: [{ command: 'MAIL', code: 451 }], credentials: { user: 'reports', password: PASSWORD } });
	const config = join(dir.path, 'callboard.json');
	writeFileSync(config, JSON.stringify({ exports: { smtp: { host: '127.0.0.1', port: rx.port, security: 'none', user: 'reports', from: 'callboard@centras.lt' } } }));
	server = await startServer({ CALLBOARD_CONFIG: config, SMTP_PASSWORD: PASSWORD });
}, 90_000);
afterAll(async () => {
	await server?.stop();
	await rx?.close();
	dir.remove();
});

const api = (path: string, init: { method?: string; body?: unknown } = {}) =>
	fetch(`${server.url}${path}`, {
		method: init.method ?? 'GET',
		headers: { authorization: `Bearer ${server.adminToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: init.body === undefined ? null : typeof init.body === 'string' ? init.body : JSON.stringify(init.body)
	});

describe('/api/admin/exports on the running server', () => {
	it('is for admins only', async () => {
		expect((await fetch(`${server.url}/api/admin/exports`)).status).toBe(401);
	});

	it('refuses a schedule without a target, or a monthly report as CSV, with a sentence', async () => {
		const none = await api('/api/admin/exports', { method: 'POST', body: { kind: 'monthly', format: 'pdf' } });
		expect(none.status).toBe(400);
		expect(((await none.json()) as { error: string }).error).toMatch(/folder, e-mail recipients, or both/);
		const csv = await api('/api/admin/exports', { method: 'POST', body: { kind: 'monthly', format: 'csv', folder: true } });
		expect(csv.status).toBe(400);
		const bad = await api('/api/admin/exports', { method: 'POST', body: { kind: 'monthly', format: 'pdf', emails: ['x@y.lt>\r\nBcc: z@evil.lt'] } });
		expect(bad.status).toBe(400);
	});

	it('sends the frozen month: 451 first (logged, retried), then the same PDF the report API serves', async () => {
		const ingest = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken}` }, body: call.join('\n') });
		expect(ingest.status).toBe(200);
		expect((await api('/api/reports/2026-11', { method: 'POST' })).status).toBe(201);

		const created = await api('/api/admin/exports', { method: 'POST', body: { kind: 'monthly', format: 'pdf', lang: 'lt', folder: true, emails: ['vadove@centras.lt'] } });
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: string };

		const first = await api(`/api/admin/exports/${id}/send?period=2026-11`, { method: 'POST' });
		expect(first.status).toBe(502);
		expect(rx.messages).toHaveLength(0);
		const second = await api(`/api/admin/exports/${id}/send?period=2026-11`, { method: 'POST' });
		expect(second.status).toBe(200);
		expect(rx.messages).toHaveLength(1);
		expect(rx.messages[0]).toMatchObject({ to: ['vadove@centras.lt'], user: 'reports', password: PASSWORD });

		const served = Buffer.from(await (await api('/api/reports/2026-11.pdf?lang=lt')).arrayBuffer());
		const got = attachmentOf(rx.messages[0]!.data);
		expect(got.fileName).toBe('callboard-2026-11-lt.pdf');
		expect(served.subarray(0, 5).toString()).toBe('%PDF-');
		expect(Buffer.compare(got.bytes, served)).toBe(0);
		expect(Buffer.compare(readFileSync(join(server.dataDir, 'exports', got.fileName)), served)).toBe(0);

		const { schedules, log } = (await (await api('/api/admin/exports')).json()) as { schedules: { id: string }[]; log: { target: string; result: string; attempt: number; error: string }[] };
		expect(schedules.map((s) => s.id)).toEqual([id]);
		const email = log.filter((e) => e.target === 'email').map((e) => [e.result, e.attempt]);
		expect(email).toEqual([
			['sent', 2],
			['retry', 1]
		]);
		expect(log.find((e) => e.result === 'retry')!.error).toMatch(/451/);
		// The password is in no log line and no log entry.
		expect(server.logs()).not.toContain(PASSWORD);
		expect(JSON.stringify(log)).not.toContain(PASSWORD);

		expect((await api(`/api/admin/exports/${id}`, { method: 'DELETE' })).status).toBe(200);
		expect((await api(`/api/admin/exports/${id}`, { method: 'DELETE' })).status).toBe(404);
		expect(((await (await api('/api/admin/exports')).json()) as { schedules: unknown[] }).schedules).toEqual([]);
	}, 180_000);

	it("sends today's intervals so far as XLSX, marked a partial day; refuses today as CSV", async () => {
		const t = earlierToday(5 * 60_000);
		const today = localDateOf(Date.now(), CENTRE_ZONE);
		const lines = [
			{ type: 'call.queued', ts: t, call_id: 'today-1', topic: 'benefits' },
			{ type: 'call.answered', ts: t + 20_000, call_id: 'today-1', agent: 'ona', site: 'siauliai' },
			{ type: 'call.ended', ts: t + 80_000, call_id: 'today-1', talk_ms: 60_000, hold_ms: 0 },
			{ type: 'call.wrapup_ended', ts: t + 90_000, call_id: 'today-1', wrap_ms: 10_000 }
		];
		const ingest = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken}` }, body: lines.map((l) => JSON.stringify(l)).join('\n') });
		expect(ingest.status).toBe(200);
		const add = async (format: string) => ((await (await api('/api/admin/exports', { method: 'POST', body: { kind: 'interval', format, minutes: 30, lang: 'en', folder: true } })).json()) as { id: string }).id;
		const csv = await api(`/api/admin/exports/${await add('csv')}/send?period=${today}`, { method: 'POST' });
		expect(csv.status).toBe(400);
		const xlsx = await api(`/api/admin/exports/${await add('xlsx')}/send?period=${today}`, { method: 'POST' });
		expect(xlsx.status).toBe(200);
		const file = `callboard-intervals-${today}-30min-en.xlsx`;
		expect(((await xlsx.json()) as { outcomes: { file: string }[] }).outcomes[0]!.file).toBe(file);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(readFileSync(join(server.dataDir, 'exports', file)) as unknown as ArrayBuffer);
		const cells: string[] = [];
		wb.worksheets[0]!.eachRow((r) => cells.push(r.values ? JSON.stringify(r.values) : ''));
		expect(cells.join('\n')).toMatch(/"Partial day","The day has not ended: figures up to \d\d:\d\d/);
		// The call's interval: its figures (whether it is still under way depends on the clock).
		expect(cells.join('\n')).toMatch(/",1,1,0,0,20,1,70\]/);
	}, 60_000);
});
