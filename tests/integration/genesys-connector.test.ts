/**
 * Issue #15: the Genesys Cloud connector hosted by the real built server
 * (INGEST_SOURCE=genesys), against the local double of the Genesys Cloud API
 * (tests/helpers/genesysCloudDouble.ts): a scripted stretch of calls whose /api/stats figures
 * equal the script, read again and again over overlapping intervals without counting twice,
 * through a 429, tokens that expire and a token revoked early; a wrong secret stops only the
 * connector, with one line naming what to fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type TestServer } from '../helpers/server.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { conversationNotification, detailRecord, startGenesysCloudDouble, type GenesysCloudDouble, type ScriptedCall } from '../helpers/genesysCloudDouble.ts';
import { computePeriodMetrics, emptySums, type PeriodSums } from '../../src/lib/metrics/definitions.ts';

const dir = tempDir('genesys');
let double: GenesysCloudDouble;
let server: TestServer;

// Two days ago, 09:00 UTC (11:00 or 12:00 in Vilnius): one whole Vilnius day, inside the catch-up.
const now = new Date();
const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 2, 9, 0, 0);
const day = new Date(dayStart).toISOString().slice(0, 10);

const QUEUES = [
	{ id: 'q-ism', name: 'Išmokos' }, // topics[].queues has "ismokos": matched without case or accents
	{ id: 'q-pen', name: 'PENSIJOS' },
	{ id: 'q-hr', name: 'Personalas' } // no topic names it: not followed
];
const TOPIC_OF: Record<string, string> = { 'q-ism': 'benefits', 'q-pen': 'pensions' };
// Consultants: user-1 is placed by e-mail (sites[].agents), user-2 and user-3 by division.
const USERS = Array.from({ length: 7 }, (_, i) => ({
	id: `user-${i}`,
	name: `Konsultantas ${i}`,
	email: i === 1 ? 'ona@fondas.lt' : `k${i}@fondas.lt`,
	divisionId: i === 2 || i === 3 ? 'div-pnv' : 'div-home',
	queueIds: ['q-ism', 'q-pen']
}));
const SITE_OF_USER = (u: string) => (u === 'user-1' ? 'siauliai' : u === 'user-2' || u === 'user-3' ? 'panevezys' : 'unknown');
// A caller already waiting when the connector starts (queue observations).
const WAITING_AT_START = { queueId: 'q-ism', conversationId: 'dddddddd-0000-4000-8000-000000000001', since: Date.now() - 40_000 };

/** 120 calls, one in six abandoned, in two followed queues; waits 10–129 s, talk 60–299 s. */
function script(n: number, from: number, prefix: string): ScriptedCall[] {
	return Array.from({ length: n }, (_, i) => {
		const abandoned = i % 6 === 5;
		return {
			id: `${prefix}-${String(i).padStart(4, '0')}-4000-8000-000000000000`,
			queueId: i % 3 === 0 ? 'q-pen' : 'q-ism',
			userId: `user-${i % 7}`,
			start: from + i * 97_000,
			waitMs: 10_000 + ((i * 7_919) % 120_000),
			talkMs: abandoned ? 0 : 60_000 + ((i * 4_801) % 240_000),
			holdMs: abandoned || i % 4 ? 0 : 15_000,
			acwMs: abandoned ? 0 : 20_000,
			finished: true
		};
	});
}

/** The figures /api/stats must show for these calls, by the one definition of each metric. */
function truth(calls: ScriptedCall[]) {
	const sums: PeriodSums = emptySums();
	for (const c of calls) {
		sums.offered++;
		sums.wait_all_ms += c.waitMs;
		sums.max_wait_ms = Math.max(sums.max_wait_ms, c.waitMs);
		if (c.talkMs === 0) sums.abandoned++;
		else {
			sums.answered++;
			sums.wait_answered_ms += c.waitMs;
			if (c.waitMs <= 60_000) sums.answered_in_sl++;
			sums.talk_ms += c.talkMs;
			sums.hold_ms += c.holdMs;
			sums.wrap_ms += c.acwMs;
		}
	}
	return computePeriodMetrics(sums);
}

const admin = (server: TestServer, path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
type Stats = { total: Record<string, number | null>; byTopic: Record<string, Record<string, number | null>>; bySite: Record<string, Record<string, number | null>> };
const stats = async (on = day) => (await (await admin(server, `/api/stats?from=${on}&to=${on}`)).json()) as Stats;
type Live = { topics: { topic: string; waiting: number; agentsAvailable: number; agentsServing: number }[] };
const live = async () => (await (await admin(server, '/api/live')).json()) as Live;
const waiting = async (topic: string) => (await live()).topics.find((t) => t.topic === topic)?.waiting ?? 0;
const detailsQueries = () => double.requests.filter((r) => r === 'POST /api/v2/analytics/conversations/details/query').length;

const first = script(120, dayStart, 'aaaaaaaa');
const unfinished: ScriptedCall = { ...script(1, dayStart + 5 * 3_600_000, 'bbbbbbbb')[0]!, finished: false };
const elsewhere: ScriptedCall = { ...script(1, dayStart + 3_600_000, 'cccccccc')[0]!, queueId: 'q-hr' };

beforeAll(async () => {
	// Tokens live 90 s (renewed a minute early: every 30 s); the API pages by 25.
	double = await startGenesysCloudDouble({
		queues: QUEUES,
		users: USERS,
		tokenSeconds: 90,
		pageSize: 25,
		observations: [
			{
				group: { queueId: WAITING_AT_START.queueId, mediaType: 'voice' },
				data: [{ metric: 'oWaiting', stats: { count: 1 }, observations: [{ conversationId: WAITING_AT_START.conversationId, observationDate: new Date(WAITING_AT_START.since).toISOString() }] }]
			}
		]
	});
	double.conversations.push(...first.map(detailRecord), detailRecord(unfinished), detailRecord(elsewhere));
	double.throttleNext(2);
	const config = join(dir.path, 'callboard.json');
	writeFileSync(
		config,
		JSON.stringify({
			genesys: { reconcileSeconds: 0.5, catchUpHours: 96, overlapMinutes: 15, divisionSites: { 'div-pnv': 'panevezys' } },
			sites: [
				{ id: 'panevezys', name: 'Panevėžys', agents: [] },
				{ id: 'radviliskis', name: 'Radviliškis', agents: [] },
				{ id: 'siauliai', name: 'Šiauliai', agents: ['ona@fondas.lt'] }
			]
		})
	);
	server = await startServer({
		CALLBOARD_CONFIG: config,
		INGEST_SOURCE: 'genesys',
		GENESYS_API_URL: double.url,
		GENESYS_LOGIN_URL: double.url,
		GENESYS_CLIENT_ID: double.clientId,
		GENESYS_CLIENT_SECRET: double.clientSecret
	});
}, 90_000);
afterAll(async () => {
	await server?.stop();
	await double?.close();
	dir.remove();
});

describe('the Genesys Cloud connector in the server', () => {
	it('shows a scripted stretch of calls on /api/stats exactly, per topic too', async () => {
		const want = truth(first);
		await expect.poll(async () => (await stats()).total.offered, { timeout: 30_000, interval: 250 }).toBe(first.length);
		const got = await stats();
		expect(got.total).toEqual(want);
		for (const q of ['q-ism', 'q-pen']) expect(got.byTopic[TOPIC_OF[q]!]).toEqual(truth(first.filter((c) => c.queueId === q)));
		expect(Object.keys(got.byTopic).sort()).toEqual(['benefits', 'pensions']);
		// Answered calls by the consultant's site: by e-mail, by division, else unknown.
		for (const site of ['siauliai', 'panevezys', 'unknown'])
			expect(got.bySite[site]?.answered, site).toBe(first.filter((c) => c.talkMs > 0 && SITE_OF_USER(c.userId) === site).length);
		// Rate limited twice at the start, and waited it out.
		expect(double.throttled).toBe(2);
	}, 60_000);

	it('reads overlapping intervals again and again, a token revoked early too, without counting twice; a call that ends later counts once', async () => {
		const before = detailsQueries();
		double.expireTokens(); // the next call gets 401: a new token, the call again
		await expect.poll(detailsQueries, { timeout: 20_000 }).toBeGreaterThan(before + 4);
		expect((await stats()).total).toEqual(truth(first));
		// The call still in progress ends: it is read on the next pass (the checkpoint waited for it).
		const ended = { ...unfinished, finished: true };
		double.conversations.splice(double.conversations.findIndex((c) => c.conversationId === unfinished.id), 1, detailRecord(ended));
		await expect.poll(async () => (await stats()).total.offered, { timeout: 20_000, interval: 250 }).toBe(first.length + 1);
		const settled = detailsQueries();
		await expect.poll(detailsQueries, { timeout: 20_000 }).toBeGreaterThan(settled + 4);
		expect((await stats()).total).toEqual(truth([...first, ended]));
		expect(double.tokensIssued).toBeGreaterThanOrEqual(2);
	}, 60_000);

	it('shows callers waiting live from the notifications, and those already waiting at start', async () => {
		await expect.poll(() => waiting('benefits'), { timeout: 10_000 }).toBe(1); // from the observations
		await expect.poll(() => double.subscriptions().length).toBe(2 + USERS.length);
		const t0 = Date.now();
		const a: ScriptedCall = { id: 'eeeeeeee-0000-4000-8000-000000000001', queueId: 'q-pen', userId: 'user-4', start: t0, waitMs: 30_000, talkMs: 60_000, holdMs: 0, acwMs: 0, finished: false };
		expect(double.publish('v2.routing.queues.q-pen.conversations', conversationNotification(a, t0))).toBe(1);
		await expect.poll(() => waiting('pensions'), { timeout: 15_000, interval: 100 }).toBe(1);
		console.log(`genesys live: queued notification → /api/live in ${Date.now() - t0} ms`);
		// Answered: the notification repeated (at-least-once) changes nothing.
		for (let i = 0; i < 2; i++) double.publish('v2.routing.queues.q-pen.conversations', conversationNotification(a, t0 + 31_000));
		await expect.poll(() => waiting('pensions'), { timeout: 15_000, interval: 100 }).toBe(0);
		// A consultant goes on queue, idle: available for the topics of her queues.
		double.publish('v2.users.user-1.activity', { id: 'user-1', routingStatus: { status: 'IDLE', startTime: new Date().toISOString() }, presence: { presenceDefinition: { id: 'p1', systemPresence: 'On Queue' }, modifiedDate: new Date().toISOString() } });
		await expect.poll(async () => (await live()).topics.find((t) => t.topic === 'benefits')?.agentsAvailable, { timeout: 15_000, interval: 100 }).toBe(1);
		double.heartbeat(); // skipped, not an event
	}, 30_000);

	it('recovers the calls a dropped socket missed from the details within one reconciliation, and follows live again', async () => {
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Vilnius' }).format(new Date());
		const offeredToday = (await stats(today)).total.offered ?? 0;
		const subscribed = double.requests.filter((r) => r.startsWith('PUT /api/v2/notifications/channels/')).length;
		double.dropSockets();
		// Two calls while the socket is down: their notifications reach no one.
		const missed = [0, 1].map((i): ScriptedCall => ({ id: `ffffffff-000${i}-4000-8000-000000000000`, queueId: 'q-ism', userId: 'user-1', start: Date.now() - 120_000, waitMs: 20_000, talkMs: i ? 40_000 : 0, holdMs: 0, acwMs: 5_000, finished: true }));
		for (const c of missed) double.publish('v2.routing.queues.q-ism.conversations', conversationNotification(c, Date.now()));
		double.conversations.push(...missed.map(detailRecord));
		const passes = detailsQueries();
		await expect.poll(async () => (await stats(today)).total.offered, { timeout: 10_000, interval: 200 }).toBe(offeredToday + 2);
		expect(detailsQueries() - passes, 'more than one reconciliation was needed').toBeLessThanOrEqual(2);
		// A new channel with the same subscriptions, and live notifications again.
		await expect.poll(() => double.requests.filter((r) => r.startsWith('PUT /api/v2/notifications/channels/')).length, { timeout: 10_000 }).toBeGreaterThan(subscribed);
		const b: ScriptedCall = { id: 'eeeeeeee-0000-4000-8000-000000000002', queueId: 'q-ism', userId: 'user-1', start: Date.now(), waitMs: 30_000, talkMs: 60_000, holdMs: 0, acwMs: 0, finished: false };
		await expect.poll(() => double.publish('v2.routing.queues.q-ism.conversations', conversationNotification(b, Date.now())), { timeout: 10_000 }).toBe(1);
		await expect.poll(() => waiting('benefits'), { timeout: 15_000, interval: 100 }).toBe(2); // b, and the caller waiting since the start
		// Genesys closes the socket politely: a new channel first, nothing lost.
		double.socketClosing();
		await expect.poll(() => double.requests.filter((r) => r.startsWith('PUT /api/v2/notifications/channels/')).length, { timeout: 10_000 }).toBeGreaterThan(subscribed + 1);
	}, 60_000);

	it('counts on /metrics what operators watch', async () => {
		const text = await (await admin(server, '/metrics')).text();
		expect(text).toMatch(/^callboard_genesys_connection_state 2$/m);
		expect(Number(/^callboard_genesys_notifications_total\{topic="conversations"\} (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(4);
		expect(Number(/^callboard_genesys_reconnects_total (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
		expect(text).toMatch(/^callboard_genesys_throttled_total 2$/m);
		expect(Number(/^callboard_genesys_details_reconciled_total (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(first.length + 1);
		expect(text).not.toContain(double.clientSecret);
	});
});

describe('Genesys detail records posted to /api/ingest (issue #14 item 8, #16 item 7)', () => {
	let token = '';
	const post = async (body: string) => {
		token ||= ((await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'ingest', streams: ['genesys-files'] }) })).json()) as { token: string }).token;
		return fetch(`${server.url}/api/ingest?format=genesys&stream=genesys-files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
	};

	it('stores a conversation without conversationEnd whose segments ended, in the topic of its queue', async () => {
		const at = dayStart + 10 * 3_600_000; // the test day, 21:00 or 22:00 in Vilnius
		const c: ScriptedCall = { id: '99999999-0000-4000-8000-000000000001', queueId: 'q-own', userId: 'user-9', start: at, waitMs: 12_000, talkMs: 50_000, holdMs: 0, acwMs: 0, finished: true };
		const record = detailRecord(c) as Record<string, unknown>;
		delete record.conversationEnd; // the blueprint's conversation2.json shape
		const before = (await stats()).byTopic.pensions?.offered ?? 0;
		const res = await post(JSON.stringify({ queueNames: { 'q-own': 'Pensijos' }, conversations: [record] }));
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ accepted: 1, rejected: 0 });
		await expect.poll(async () => (await stats()).byTopic.pensions?.offered, { timeout: 15_000 }).toBe(before + 1);
	});

	it('answers a body nested a million deep with a rejection, not a 500, and keeps serving', async () => {
		const res = await post('['.repeat(1_000_000) + ']'.repeat(1_000_000));
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ accepted: 0, rejected: 1 });
		const rejected = (await (await admin(server, '/api/ingest/rejected?limit=5')).json()) as unknown;
		expect(JSON.stringify(rejected)).toContain('nested more than 64 levels deep');
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	}, 30_000);
});

describe('a wrong secret', () => {
	it('stops the connector with one line naming what to fix; the server runs on', async () => {
		const wrong = await startServer({
			INGEST_SOURCE: 'genesys',
			GENESYS_API_URL: double.url,
			GENESYS_LOGIN_URL: double.url,
			GENESYS_CLIENT_ID: double.clientId,
			GENESYS_CLIENT_SECRET: 'not-the-secret-42'
		});
		try {
			await expect.poll(() => wrong.logs(), { timeout: 20_000 }).toMatch(/genesys: stopped: .*GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET/);
			const line = wrong.logs().split('\n').filter((l) => l.includes('genesys'));
			expect(line).toEqual([expect.stringMatching(/^genesys: stopped: Genesys refused the OAuth client \(invalid_client\) at http:\/\/127\.0\.0\.1:\d+: check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET/)]);
			expect(wrong.logs()).not.toMatch(/^\s+at /m);
			expect(wrong.logs()).not.toContain('not-the-secret-42');
			expect((await fetch(`${wrong.url}/healthz`)).status).toBe(200);
			expect(await (await admin(wrong, '/metrics')).text()).toMatch(/^callboard_genesys_connection_state 0$/m);
		} finally {
			await wrong.stop();
		}
	}, 90_000);
});
