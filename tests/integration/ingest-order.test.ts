/**
 * Call events out of order, split across requests and sent again after a restart, through the
 * running server as a connector sends them (POST /api/ingest), checked on the stored contacts
 * and the figures (issue 14). The calls are a month old, as a backfill's or a late connector's:
 * the server's 30-second ticker runs between the requests, as it does for any real sender.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { tempDir } from '../helpers/tempDir.ts';

let server: TestServer;
let ingestToken: string;
const dir = tempDir('order');

beforeAll(async () => {
	server = await startServer({}, { dataDir: dir.path });
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role: 'ingest', name: 'connector', streams: ['pbx-1'] })
	});
	ingestToken = ((await res.json()) as { token: string }).token;
}, 90_000);
afterAll(async () => {
	await server?.stop();
	dir.remove();
});

type Counts = { accepted: number; duplicates: number; rejected: number; ignored: number; status: string };
const post = async (lines: string[]): Promise<Counts> => {
	const res = await fetch(`${server.url}/api/ingest?format=ndjson&stream=pbx-1`, {
		method: 'POST',
		headers: { authorization: `Bearer ${ingestToken}` },
		body: lines.join('\n')
	});
	expect(res.status).toBe(200);
	return (await res.json()) as Counts;
};
const admin = async <T>(path: string): Promise<T> =>
	(await (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json()) as T;
type Row = { contact_id: string; channel: string; outcome: string; topic: string; agent: string; wait_ms: number; talk_ms: number; wrap_ms: number };
/** Every contact stored for the centre's days from…to, oldest first, as [id, channel, outcome, topic, agent, wait, talk, wrap]. */
const contacts = async (from: string, to = from) =>
	(await admin<{ contacts: Row[] }>(`/api/contacts?from=${from}&to=${to}&channel=all`)).contacts
		.reverse()
		.map((c) => [c.contact_id, c.channel, c.outcome, c.topic, c.agent, c.wait_ms, c.talk_ms, c.wrap_ms]);
const stats = async (day: string) => (await admin<{ total: Record<string, number | null> }>(`/api/stats?from=${day}`)).total;
const ev = (type: string, ts: string, callId: string, more = '') => `{"type":"call.${type}","ts":"${ts}","call_id":"${callId}"${more}}`;

// Item 3: call w3's end and wrap-up are sent after another call's event 15 minutes later.
const wrapLate = [
	ev('queued', '2026-11-02T09:00:00+02:00', 'w3', ',"topic":"benefits"'),
	ev('answered', '2026-11-02T09:00:20+02:00', 'w3', ',"agent":"ona","site":"siauliai"'),
	ev('queued', '2026-11-02T09:15:00+02:00', 'w3-other', ',"topic":"benefits"'),
	ev('abandoned', '2026-11-02T09:15:30+02:00', 'w3-other', ',"wait_ms":30000'),
	ev('ended', '2026-11-02T09:05:20+02:00', 'w3', ',"talk_ms":300000'),
	ev('wrapup_ended', '2026-11-02T09:06:20+02:00', 'w3', ',"wrap_ms":60000')
];
// Item 4: the call-back is sent before the request (and before the call's queue entry).
const callbackFirst = [
	ev('callback_completed', '2026-11-04T10:00:00+02:00', 'c4', ',"agent":"ona","site":"siauliai"'),
	ev('queued', '2026-11-03T11:00:00+02:00', 'c4', ',"topic":"contributions"'),
	ev('callback_requested', '2026-11-03T11:01:00+02:00', 'c4', ',"topic":"contributions"')
];
// Item 1: a callback asked for in the millisecond the call queued, the request sent first; and a
// caller who timed out of one queue and was answered in the next in the same millisecond.
const sameMillisecond = [
	ev('callback_requested', '2026-11-05T12:00:00.000+02:00', 'm1', ',"topic":"pensions"'),
	ev('queued', '2026-11-05T12:00:00.000+02:00', 'm1', ',"topic":"pensions"'),
	ev('queued', '2026-11-05T13:00:00.000+02:00', 'm2', ',"topic":"pensions"'),
	ev('timed_out', '2026-11-05T13:05:00.000+02:00', 'm2', ',"wait_ms":300000'),
	ev('queued', '2026-11-05T13:05:00.000+02:00', 'm2', ',"topic":"benefits"'),
	ev('answered', '2026-11-05T13:05:00.000+02:00', 'm2', ',"agent":"ona","site":"siauliai"'),
	ev('ended', '2026-11-05T13:07:00.000+02:00', 'm2', ',"talk_ms":120000'),
	ev('wrapup_ended', '2026-11-05T13:07:30.000+02:00', 'm2', ',"wrap_ms":30000')
];
// Item 5: one call in two requests, with the ticker between them.
const split = [
	ev('queued', '2026-11-06T09:00:00+02:00', 's5', ',"topic":"benefits"'),
	ev('answered', '2026-11-06T09:00:40+02:00', 's5', ',"agent":"ona","site":"siauliai"'),
	ev('ended', '2026-11-06T09:05:40+02:00', 's5', ',"talk_ms":280000,"hold_ms":20000'),
	ev('wrapup_ended', '2026-11-06T09:06:40+02:00', 's5', ',"wrap_ms":60000')
];
// A whole contact (backfill) older than the stream's last week: after a restart its id is not
// among the stream's recent ones, and only the stored-contacts check knows it.
const oldContact = JSON.stringify({
	type: 'contact', contact_id: 'old-1', channel: 'voice', topic: 'pensions', agent: 'ona',
	queued_at: '2026-10-20T08:00:00Z', answered_at: '2026-10-20T08:00:10Z', ended_at: '2026-10-20T08:05:00Z',
	outcome: 'answered', wait_ms: 10_000, talk_ms: 290_000, hold_ms: 0, wrap_ms: 0
});

describe('events out of order and in pieces, through POST /api/ingest', () => {
	it('takes the bodies, with the server’s ticker running between the two halves of a call', async () => {
		expect(await post(wrapLate)).toMatchObject({ accepted: 6, duplicates: 0 });
		expect(await post(callbackFirst)).toMatchObject({ accepted: 3 });
		expect(await post(sameMillisecond)).toMatchObject({ accepted: 8 });
		expect(await post([oldContact])).toMatchObject({ accepted: 1 });
		expect(await post(split.slice(0, 2))).toMatchObject({ accepted: 2 });
		// The ticker runs every 30 seconds with the wall clock a month after these calls.
		await new Promise((r) => setTimeout(r, 32_000));
		expect(await post(split.slice(2))).toMatchObject({ accepted: 2, duplicates: 0 });
		await new Promise((r) => setTimeout(r, 1_000));
	}, 60_000);

	it('an end sent after a later call keeps its wrap-up (item 3)', async () => {
		expect(await contacts('2026-11-02')).toEqual([
			['w3#1793602800000', 'voice', 'answered', 'benefits', 'ona', 20_000, 300_000, 60_000],
			['w3-other#1793603700000', 'voice', 'abandoned', 'benefits', '', 30_000, 0, 0]
		]);
		expect(await stats('2026-11-02')).toMatchObject({ offered: 2, answered: 1, wrap_s: 60 });
	});

	it('a call-back sent before its request: the call and its callback, no phantom voice call (item 4)', async () => {
		expect(await contacts('2026-11-03', '2026-11-04')).toEqual([
			['c4#1793696400000', 'voice', 'callback_requested', 'contributions', '', 60_000, 0, 0],
			['c4#callback#1793696460000', 'callback', 'answered', 'contributions', 'ona', 82_740_000, 0, 0]
		]);
		expect(await stats('2026-11-04')).toMatchObject({ offered: 0, answered: 0 });
	});

	it('events in the same millisecond follow the call’s lifecycle (item 1)', async () => {
		expect(await contacts('2026-11-05')).toEqual([
			// The request sent before the queue entry of its millisecond: one offered call.
			['m1#1793872800000', 'voice', 'callback_requested', 'pensions', '', 0, 0, 0],
			// Timed out of pensions, answered in benefits in the same millisecond: both legs.
			['m2#1793876400000', 'voice', 'timed_out', 'pensions', '', 300_000, 0, 0],
			['m2#1793876700000', 'voice', 'answered', 'benefits', 'ona', 0, 120_000, 30_000]
		]);
		expect(await stats('2026-11-05')).toMatchObject({ offered: 3, answered: 1 });
	});

	it('a call split across two requests is one answered call with its topic, agent, talk and wrap-up (item 5)', async () => {
		expect(await contacts('2026-11-06')).toEqual([['s5#1793948400000', 'voice', 'answered', 'benefits', 'ona', 40_000, 280_000, 60_000]]);
		expect(await stats('2026-11-06')).toMatchObject({ offered: 1, answered: 1, asa_s: 40, talk_s: 280, wrap_s: 60 });
	});

	it('after a restart a body sent again is all duplicates, and nothing moves', async () => {
		await server.kill();
		server = await startServer({}, { dataDir: dir.path });
		expect(await post(wrapLate)).toMatchObject({ accepted: 0, duplicates: 6 });
		// The same contact in a new body: only the stored-contacts check recognises it.
		expect(await post([oldContact, ''])).toMatchObject({ accepted: 0, duplicates: 1 });
		expect(await stats('2026-11-02')).toMatchObject({ offered: 2, answered: 1 });
		expect(await stats('2026-10-20')).toMatchObject({ offered: 1, answered: 1 });
	}, 90_000);
});

describe('a caller looped back into the same queue, as an Asterisk queue_log says it', () => {
	// Timed out of queue 500 at 08:05:00 and entered it again in that second (a dialplan that
	// loops on timeout), then answered: two legs. Since h14a the second entry was taken for the
	// first leg's own, late, and the answered leg was lost.
	const T = 1794297600; // 2026-11-10T08:00:00Z
	const queueLog = [
		`${T}|1794297600.7|500|NONE|ENTERQUEUE|||1`,
		`${T + 300}|1794297600.7|500|NONE|EXITWITHTIMEOUT|1|1|300`,
		`${T + 300}|1794297600.7|500|NONE|ENTERQUEUE|||1`,
		`${T + 320}|1794297600.7|500|SIP/1001|CONNECT|20|1794297620.8|2`,
		`${T + 400}|1794297600.7|500|SIP/1001|COMPLETECALLER|20|80|1`
	].join('\n');

	it('stores both legs, the second answered', async () => {
		const res = await fetch(`${server.url}/api/ingest?format=queue-log&stream=pbx-1`, {
			method: 'POST',
			headers: { authorization: `Bearer ${ingestToken}` },
			body: queueLog
		});
		expect(await res.json()).toMatchObject({ accepted: 5, rejected: 0 });
		expect((await contacts('2026-11-10')).map((c) => [c[0], c[2], c[5], c[6]])).toEqual([
			[`1794297600.7@500#${T * 1000}`, 'timed_out', 300_000, 0],
			[`1794297600.7@500#${(T + 300) * 1000}`, 'answered', 20_000, 80_000]
		]);
	});
});
