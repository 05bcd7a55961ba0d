/**
 * The /live WebSocket and GET /api/live on the real server, with real sockets: auth before
 * the upgrade, a snapshot then updates, an ingested event on screens within 2 s, site views,
 * and the same number of ClickHouse queries per tick with 1 or 40 screens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signedInCookie, startServer, type TestServer } from '../helpers/server.ts';
import { earlierToday } from '../helpers/today.ts';
import type { LiveMessage, LiveState } from '../../src/lib/live/protocol.ts';

let server: TestServer;
const tokens: Record<string, string> = {};

async function token(role: string, site?: string): Promise<string> {
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role, site })
	});
	return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
	// Every tick reads every part (as with a ClickHouse server): the queries per tick are then
	// exact, and the same however many screens (embedded, figures nothing changed wait 5 s).
	server = await startServer({ LIVE_REREAD_MS: '500' });
	tokens.wallboard = await token('wallboard');
	tokens.siauliai = await token('wallboard', 'siauliai');
	tokens.ingest = await token('ingest');
}, 90_000);
afterAll(async () => server?.stop());

const wsUrl = (query: string) => `${server.url.replace('http', 'ws')}/live?${query}`;

/** Opens a socket and collects its messages. */
function open(query: string): Promise<{ ws: WebSocket; messages: LiveMessage[]; next: (pred: (m: LiveMessage) => boolean, ms?: number) => Promise<LiveMessage> }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(wsUrl(query));
		const messages: LiveMessage[] = [];
		const waiters: { pred: (m: LiveMessage) => boolean; done: (m: LiveMessage) => void }[] = [];
		ws.on('message', (data) => {
			const m = JSON.parse(String(data)) as LiveMessage;
			messages.push(m);
			for (const w of [...waiters]) if (w.pred(m)) (waiters.splice(waiters.indexOf(w), 1), w.done(m));
		});
		ws.once('open', () =>
			resolve({
				ws,
				messages,
				next: (pred, ms = 5_000) =>
					new Promise((done, fail) => {
						const hit = messages.find(pred);
						if (hit) return done(hit);
						const t = setTimeout(() => fail(new Error('no matching live message in time')), ms);
						waiters.push({ pred, done: (m) => (clearTimeout(t), done(m)) });
					})
			})
		);
		ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
		ws.once('error', reject);
	});
}

const ingest = (lines: object[]) =>
	fetch(`${server.url}/api/ingest?format=ndjson`, {
		method: 'POST',
		headers: { authorization: `Bearer ${tokens.ingest}` },
		body: lines.map((l) => JSON.stringify(l)).join('\n')
	});

/** Counters read from one /metrics snapshot: two reads could straddle a tick. */
const metrics = async <N extends string[]>(...names: N) => {
	const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.adminToken}` } })).text();
	return names.map((name) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN)) as { [K in keyof N]: number };
};

describe('/live', () => {
	it('refuses an upgrade without credentials (401) and a site token asking for another site (403)', async () => {
		await expect(open('')).rejects.toMatchObject({ status: 401 });
		await expect(open(`token=cb_nope`)).rejects.toMatchObject({ status: 401 });
		await expect(open(`token=${tokens.siauliai}&site=panevezys`)).rejects.toMatchObject({ status: 403 });
	});

	it('refuses upgrades on other paths, and cookie upgrades from another origin', async () => {
		const other = new WebSocket(`${server.url.replace('http', 'ws')}/elsewhere?token=${tokens.wallboard}`);
		const status = await new Promise<number>((resolve) => other.once('unexpected-response', (_q, res) => resolve(res.statusCode!)));
		expect(status).toBe(404);
		const cookie = await signedInCookie(server, 'viktoras', 'supervisor');
		const forged = new WebSocket(`${server.url.replace('http', 'ws')}/live`, { headers: { cookie, origin: 'http://intranet.example' } });
		expect(await new Promise<number>((resolve) => forged.once('unexpected-response', (_q, res) => resolve(res.statusCode!)))).toBe(403);
		// An empty ?token= or a header that is no bearer token does not turn the check off.
		for (const [query, headers] of [['?token=', {}], ['', { authorization: 'Basic eA==' }]] as const) {
			const sneaky = new WebSocket(`${server.url.replace('http', 'ws')}/live${query}`, { headers: { cookie, origin: 'http://intranet.example', ...headers } });
			expect(await new Promise<number>((resolve) => sneaky.once('unexpected-response', (_q, res) => resolve(res.statusCode!))), query || 'Basic').toBe(403);
		}
		const ours = new WebSocket(`${server.url.replace('http', 'ws')}/live`, { headers: { cookie, origin: server.url.replace('127.0.0.1', '127.0.0.1') } });
		await new Promise((resolve, reject) => (ours.once('open', resolve), ours.once('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)))));
		ours.close();
	});

	it('sends a snapshot on connect, then numbered updates; an ingested call shows within 2 s', async () => {
		const c = await open(`token=${tokens.wallboard}`);
		const first = await c.next(() => true);
		expect(first.type).toBe('snapshot');
		expect(first.state.topics.map((t) => t.topic)).toEqual(['pensions', 'benefits', 'contributions', 'other']);
		const before = first.state.topics.find((t) => t.topic === 'pensions')!.waiting;
		const queuedAt = Date.now() - 30_000;
		const posted = Date.now();
		expect((await ingest([{ type: 'call.queued', ts: queuedAt, call_id: 'live-1', topic: 'pensions' }])).status).toBe(200);
		const update = await c.next((m) => m.type === 'update' && m.state.topics.find((t) => t.topic === 'pensions')!.waiting === before + 1, 2_000);
		expect(Date.now() - posted).toBeLessThan(2_000);
		expect(update.state.topics.find((t) => t.topic === 'pensions')!.oldestQueuedAt).toBeLessThanOrEqual(queuedAt);
		const seqs = c.messages.map((m) => m.seq);
		expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
		c.ws.close();
	});

	it('gives a site token the view of its site only', async () => {
		const c = await open(`token=${tokens.siauliai}`);
		const m = await c.next(() => true);
		expect(m.state.site).toBe('siauliai');
		expect(m.state.sites.map((s) => s.site)).toEqual(['siauliai']);
		c.ws.close();
	});

	it('closes an open screen once its token is revoked (1008), and refuses it after', async () => {
		const res = await fetch(`${server.url}/api/admin/tokens`, {
			method: 'POST',
			headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ role: 'wallboard', name: 'tv-to-revoke' })
		});
		const { token: revoked, id } = (await res.json()) as { token: string; id: string };
		const c = await open(`token=${revoked}`);
		await c.next(() => true);
		const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
		const revokedAt = Date.now();
		const del = await fetch(`${server.url}/api/admin/tokens/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${server.adminToken}` } });
		expect(del.status).toBe(200);
		expect(await closed).toBe(1008);
		// Checked every 5 s: it must not keep streaming much longer than an HTTP request would be served.
		expect(Date.now() - revokedAt).toBeLessThan(11_000);
		await expect(open(`token=${revoked}`)).rejects.toMatchObject({ status: 401 });
	}, 20_000);

	it('closes a signed-in screen once its session is signed out elsewhere (1008)', async () => {
		const cookie = await signedInCookie(server, 'signs-out', 'supervisor');
		const ws = new WebSocket(wsUrl(''), { headers: { cookie, origin: server.url } });
		const first = new Promise((resolve, reject) => (ws.once('message', resolve), ws.once('error', reject)));
		const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
		await first;
		// The same session signed out from another tab or PC: the server ends it, not only the cookie.
		const out = await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.url } });
		expect(out.status).toBe(303);
		const signedOutAt = Date.now();
		expect(await closed).toBe(1008);
		expect(Date.now() - signedOutAt).toBeLessThan(11_000);
	}, 20_000);

	it('makes the same number of ClickHouse queries per tick for 1 screen and for 40', async () => {
		const perTick = async (screens: number) => {
			const sockets = await Promise.all(Array.from({ length: screens }, () => open(`token=${tokens.wallboard}`)));
			await new Promise((r) => setTimeout(r, 1_200));
			const [t0, q0] = await metrics('callboard_live_ticks_total', 'callboard_live_queries_total');
			await new Promise((r) => setTimeout(r, 3_000));
			const [t1, q1] = await metrics('callboard_live_ticks_total', 'callboard_live_queries_total');
			for (const s of sockets) s.ws.close();
			expect(t1 - t0).toBeGreaterThanOrEqual(2);
			return (q1 - q0) / (t1 - t0);
		};
		const one = await perTick(1);
		const forty = await perTick(40);
		expect(one).toBe(forty);
		// The consultants (one by one, and counted by state from the same rows), today, rolling
		// windows and open written work (read once for the board's backlogs and the supervisor's
		// written queues): who is waiting (voice, chat, the callers-waiting list) is the EWT
		// service's, in memory.
		expect(one).toBe(4);
	}, 30_000);
});

describe('GET /api/live and /api/stats on ingested events', () => {
	it('count a finished call today in both, with the same definitions', async () => {
		const t = earlierToday(10 * 60_000);
		const res = await ingest([
			{ type: 'call.queued', ts: t, call_id: 'live-2', topic: 'benefits' },
			{ type: 'call.answered', ts: t + 20_000, call_id: 'live-2', agent: 'ona', site: 'siauliai' },
			{ type: 'call.ended', ts: t + 200_000, call_id: 'live-2', talk_ms: 170_000, hold_ms: 10_000 },
			{ type: 'call.wrapup_ended', ts: t + 230_000, call_id: 'live-2', wrap_ms: 30_000 }
		]);
		expect(await res.json()).toMatchObject({ accepted: 4, status: 'inserted' });
		const inserted = Date.now();
		// /api/live serves the latest tick (at most a second old, as `asOf` says): wait for one read after the insert.
		let live: LiveState;
		do {
			live = (await (await fetch(`${server.url}/api/live`, { headers: { authorization: `Bearer ${tokens.wallboard}` } })).json()) as LiveState;
			if (live.asOf < inserted) await new Promise((r) => setTimeout(r, 200));
		} while (live.asOf < inserted);
		// (A wallboard reads its board only: the figures are asked for by an admin.)
		const stats = (await (await fetch(`${server.url}/api/stats?channel=voice`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json()) as { total: LiveState['periods']['today']['total'] };
		expect(live.periods.today.total).toEqual(stats.total);
		expect(live.periods.today.byTopic.benefits).toMatchObject({ offered: 1, answered: 1, asa_s: 20, aht_s: 210, talk_s: 170, hold_s: 10, wrap_s: 30 });
		expect(live.periods.last15m.byTopic.benefits).toMatchObject({ offered: 1, answered: 1 });
		expect(live.sites.find((s) => s.site === 'siauliai')).toMatchObject({ answeredToday: 1, shareOfLoad: 1 });
	});
});
