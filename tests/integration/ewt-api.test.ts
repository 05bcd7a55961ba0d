/**
 * GET /api/ewt, /api/ewt/accuracy and /api/ewt/staffing on the real server: who may ask, clear
 * errors for bad questions, and a caller queued through POST /api/ingest moving the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const tokens: Record<string, string> = {};

async function token(role: string): Promise<string> {
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role })
	});
	return ((await res.json()) as { token: string }).token;
}
const get = (path: string, who?: string) => fetch(`${server.url}${path}`, { headers: who ? { authorization: `Bearer ${tokens[who] ?? who}` } : {} });

beforeAll(async () => {
	server = await startServer();
	for (const role of ['ingest', 'wallboard']) tokens[role] = await token(role);
}, 90_000);
afterAll(async () => server?.stop());

describe('GET /api/ewt', () => {
	it('is for the IVR’s service token (and operators), not for anonymous callers or wallboards', async () => {
		expect((await get('/api/ewt?topic=pensions')).status).toBe(401);
		expect((await get('/api/ewt?topic=pensions', 'wallboard')).status).toBe(403);
		expect((await get('/api/ewt/accuracy', 'ingest')).status).toBe(403);
		expect((await get('/api/ewt/accuracy', 'wallboard')).status).toBe(403);
	});

	it('says what is wrong with a bad question', async () => {
		const missing = await get('/api/ewt', 'ingest');
		expect(missing.status).toBe(400);
		expect(((await missing.json()) as { error: string }).error).toMatch(/topic is required; one of pensions/);
		const unknown = await get('/api/ewt?topic=taxes', 'ingest');
		expect(unknown.status).toBe(400);
		expect(((await unknown.json()) as { error: string }).error).toMatch(/unknown topic "taxes"/);
		const email = await get('/api/ewt?topic=pensions&channel=email', 'ingest');
		expect(email.status).toBe(400);
		expect(((await email.json()) as { error: string }).error).toMatch(/no queue to wait in/);
	});

	it('answers for a chat queue that has had no chat yet: no number to announce', async () => {
		await expect.poll(async () => (await get('/api/ewt?topic=contributions', 'ingest')).status, { timeout: 10_000 }).toBe(200);
		const res = await get('/api/ewt?topic=contributions&channel=chat', 'ingest');
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ channel: 'chat', seconds: null, phrase: null, position: 1, basis: null });
	});

	it('counts a caller queued through the ingest API in the next answer', async () => {
		const ask = async () => (await (await get('/api/ewt?topic=benefits&channel=voice', 'ingest')).json()) as { position: number; seconds: number | null; phrase: unknown; method: string };
		await expect.poll(async () => (await get('/api/ewt?topic=benefits', 'ingest')).status, { timeout: 10_000 }).toBe(200);
		expect(await ask()).toMatchObject({ position: 1, method: 'erlangA' });
		const body = [
			{ type: 'agent.state', ts: Date.now() - 60_000, agent: 'ona', site: 'siauliai', state: 'logged_in', topics: ['benefits'] },
			{ type: 'agent.state', ts: Date.now() - 59_000, agent: 'ona', state: 'on_call' },
			{ type: 'call.queued', ts: Date.now() - 2_000, call_id: 'api-1', topic: 'benefits', channel: 'voice' }
		];
		const res = await fetch(`${server.url}/api/ingest?format=ndjson`, {
			method: 'POST',
			headers: { authorization: `Bearer ${tokens.ingest}` },
			body: body.map((l) => JSON.stringify(l)).join('\n')
		});
		expect(res.status).toBe(200);
		await expect.poll(async () => (await ask()).position, { timeout: 10_000 }).toBe(2);
		// One consultant, busy, nothing completed yet: head of line is all there is to go on.
		const answer = (await (await get('/api/ewt?topic=benefits', 'ingest')).json()) as { basis: string; seconds: number; phrase: { lt: string; en: string } };
		expect(answer.basis).toBe('headOfLine');
		expect(answer.seconds).toBeGreaterThanOrEqual(2);
		expect(answer.phrase).toEqual({ lt: 'mažiau nei minutė', en: 'less than a minute' });
	});

	it('gives operators (here the admin) the accuracy and the staffing what-if', async () => {
		const acc = await get('/api/ewt/accuracy', server.adminToken);
		expect(acc.status).toBe(200);
		const body = (await acc.json()) as { announced: string; rows: unknown[] };
		expect(body.announced).toBe('erlangA');
		expect(Array.isArray(body.rows)).toBe(true);
		expect((await get('/api/ewt/accuracy?from=2026-13-01', server.adminToken)).status).toBe(400);
		const staffing = (await (await get('/api/ewt/staffing', server.adminToken)).json()) as { topics: { topic: string; agentsServing: number }[] };
		expect(staffing.topics.map((t) => t.topic)).toEqual(['pensions', 'benefits', 'contributions', 'other']);
		await expect.poll(async () => ((await (await get('/api/ewt/staffing', server.adminToken)).json()) as typeof staffing).topics.find((t) => t.topic === 'benefits')!.agentsServing).toBe(1);
	});
});
