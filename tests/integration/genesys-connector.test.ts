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
import { detailRecord, startGenesysCloudDouble, type GenesysCloudDouble, type ScriptedCall } from '../helpers/genesysCloudDouble.ts';
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
const stats = async () =>
	(await (await admin(server, `/api/stats?from=${day}&to=${day}`)).json()) as { total: Record<string, number | null>; byTopic: Record<string, Record<string, number | null>> };
const detailsQueries = () => double.requests.filter((r) => r === 'POST /api/v2/analytics/conversations/details/query').length;

const first = script(120, dayStart, 'aaaaaaaa');
const unfinished: ScriptedCall = { ...script(1, dayStart + 5 * 3_600_000, 'bbbbbbbb')[0]!, finished: false };
const elsewhere: ScriptedCall = { ...script(1, dayStart + 3_600_000, 'cccccccc')[0]!, queueId: 'q-hr' };

beforeAll(async () => {
	// Tokens live 90 s (renewed a minute early: every 30 s); the API pages by 25.
	double = await startGenesysCloudDouble({ queues: QUEUES, tokenSeconds: 90, pageSize: 25 });
	double.conversations.push(...first.map(detailRecord), detailRecord(unfinished), detailRecord(elsewhere));
	double.throttleNext(2);
	const config = join(dir.path, 'callboard.json');
	writeFileSync(config, JSON.stringify({ genesys: { reconcileSeconds: 0.5, catchUpHours: 96, overlapMinutes: 15 } }));
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

	it('counts on /metrics what operators watch', async () => {
		const text = await (await admin(server, '/metrics')).text();
		expect(text).toMatch(/^callboard_genesys_connection_state 2$/m);
		expect(text).toMatch(/^callboard_genesys_throttled_total 2$/m);
		expect(Number(/^callboard_genesys_details_reconciled_total (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(first.length + 1);
		expect(text).not.toContain(double.clientSecret);
	});
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
