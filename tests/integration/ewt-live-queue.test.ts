/**
 * One answer to "who is waiting", on the running server fed as a PBX connector feeds it
 * (POST /api/ingest): the estimated wait's callers ahead (GET /api/ewt) and the live board's
 * waiting (GET /api/live) agree with each other and with the simulation's own queue every
 * second of a simulated stretch; and a restart rebuilds the same queue and the same estimate.
 * The traffic (mmsSim.ts via trafficEvents.ts) has what real traffic has: callers answered by a
 * free consultant in the millisecond they queue, calls whose end and wrap-up share a
 * millisecond, hang-ups, a queue that builds and drains.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { trafficEvents, type CanonicalEvent } from '../unit/ewt/trafficEvents.ts';
import type { Scenario } from '../unit/ewt/mmsSim.ts';

const servers: TestServer[] = [];
afterAll(async () => {
	for (const s of servers) await s.stop().catch(() => {});
});

type Ewt = { position: number; seconds: number | null; estimates: Record<string, number | null> };
type Live = { topics: { topic: string; waiting: number; oldestQueuedAt: number | null }[] };

async function client(server: TestServer) {
	const admin = { authorization: `Bearer ${server.adminToken}` };
	const res = await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'ingest' }) });
	const ingest = { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
	return {
		post: async (events: CanonicalEvent[]) => {
			if (!events.length) return;
			const r = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: ingest, body: events.map((e) => JSON.stringify(e)).join('\n') });
			// 202: stored in the spool while ClickHouse is slow (a busy machine), written moments later.
			expect([200, 202], await r.clone().text()).toContain(r.status);
			expect(((await r.json()) as { rejected: number }).rejected).toBe(0);
		},
		ewt: async (): Promise<Ewt | null> => {
			const r = await fetch(`${server.url}/api/ewt?topic=pensions`, { headers: ingest });
			return r.status === 503 ? null : ((await r.json()) as Ewt);
		},
		live: async () => ((await (await fetch(`${server.url}/api/live`, { headers: admin })).json()) as Live).topics.find((t) => t.topic === 'pensions')!
	};
}

/** Callers the simulation has waiting just before `untilMs`: queued, not yet answered or gone. */
function trulyWaiting(events: CanonicalEvent[], untilMs: number): number {
	const waiting = new Set<string>();
	for (const e of events) {
		if (e.ts >= untilMs) break;
		if (e.type === 'call.queued') waiting.add(e.call_id as string);
		else if (e.type === 'call.answered' || e.type === 'call.abandoned') waiting.delete(e.call_id as string);
	}
	return waiting.size;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('who is waiting, on the running server', () => {
	it('the estimator counts the callers the live board shows waiting, every second of a simulated stretch', async () => {
		const server = await startServer({ EWT_REFRESH_MS: '100' });
		servers.push(server);
		const api = await client(server);
		// 8 consultants, 20 s calls, 120% load, callers give up after 20 s on average: a queue that
		// builds, drains and is often empty, so many callers are answered the millisecond they queue.
		const sc: Scenario = { seed: 14, agents: 8, ahtS: 20, patienceS: 20, arrivalRate: () => 0.48, maxArrivalRate: 0.48, warmupS: 0, durationS: 50 };
		const startMs = Date.now() + 2000;
		const { events } = trafficEvents(sc, startMs);
		const endMs = startMs + 50_000;
		const ticks: { second: number; truth: number; ahead: number; live: number }[] = [];
		let sent = 0;
		for (let second = 1; startMs + second * 1000 <= endMs; second++) {
			const cutMs = startMs + second * 1000;
			await sleep(Math.max(0, cutMs - Date.now()));
			// A connector sends what happened in the last second.
			const batch: CanonicalEvent[] = [];
			while (sent < events.length && events[sent]!.ts < cutMs) batch.push(events[sent++]!);
			await api.post(batch);
			const truth = trulyWaiting(events, cutMs);
			// The service reads every 100 ms and the board every second: give both a moment to read
			// (longer on a busy machine, where a batch may wait in the spool); a caller counted
			// wrongly stays wrong, so a wrong count never settles.
			let tick = { second, truth, ahead: -1, live: -1 };
			for (let attempt = 0; attempt < 50; attempt++) {
				const [ewt, live] = [await api.ewt(), await api.live()];
				tick = { second, truth, ahead: ewt ? ewt.position - 1 : -1, live: live.waiting };
				if (tick.ahead === truth && tick.live === truth) break;
				await sleep(150);
			}
			ticks.push(tick);
		}
		const wrong = ticks.filter((t) => t.ahead !== t.truth || t.live !== t.truth);
		expect(wrong, JSON.stringify(wrong.slice(0, 5))).toEqual([]);
		// The stretch had a queue to count, and an empty one.
		expect(Math.max(...ticks.map((t) => t.truth))).toBeGreaterThanOrEqual(3);
		expect(ticks.some((t) => t.truth === 0)).toBe(true);
	}, 400_000);

	it('a restart rebuilds the same queue and announces the same wait', async () => {
		const server = await startServer({ EWT_REFRESH_MS: '100' });
		servers.push(server);
		let api = await client(server);
		// An hour and a half of traffic up to now, sent as a connector catching up would send it,
		// with callers still waiting at the end: 20 consultants, 2-minute calls, 110% load.
		const sc: Scenario = { seed: 41, agents: 20, ahtS: 120, patienceS: 120, arrivalRate: () => (1.1 * 20) / 120, maxArrivalRate: (1.1 * 20) / 120, warmupS: 0, durationS: 5400 };
		const nowMs = Date.now();
		const all = trafficEvents(sc, nowMs - 5400_000).events;
		const events = all.filter((e) => e.ts <= nowMs);
		for (let i = 0; i < events.length; i += 2000) await api.post(events.slice(i, i + 2000));
		const truth = trulyWaiting(events, nowMs + 1);
		expect(truth).toBeGreaterThan(0);
		const settled = async () => {
			for (let attempt = 0; attempt < 100; attempt++) {
				const ewt = await api.ewt();
				if (ewt && ewt.position - 1 === truth) return ewt;
				await sleep(200);
			}
			throw new Error(`the estimator never counted the ${truth} callers waiting: ${JSON.stringify(await api.ewt())}`);
		};
		const before = await settled();
		const beforeAt = Date.now();
		await server.kill();
		const again = await startServer({ EWT_REFRESH_MS: '100' }, { dataDir: server.dataDir });
		servers.push(again);
		api = await client(again);
		const after = await settled();
		const elapsedS = (Date.now() - beforeAt) / 1000;
		expect(after.position).toBe(before.position);
		expect(after.estimates.erlangA).not.toBeNull();
		// Erlang-A rests on the rates of the last 15 and 30 minutes as of the latest event: the
		// same events, the same rates, the same estimate (rounding aside).
		expect(Math.abs(after.estimates.erlangA! - before.estimates.erlangA!)).toBeLessThanOrEqual(Math.max(2, 0.05 * before.estimates.erlangA!));
		expect(after.estimates.centreRule).toBe(before.estimates.centreRule);
		// The oldest caller has waited the restart's time longer, no more.
		expect(Math.abs(after.estimates.headOfLine! - before.estimates.headOfLine! - elapsedS)).toBeLessThanOrEqual(2);
		expect((await api.live()).waiting).toBe(truth);
	}, 240_000);

	it('the estimator, the live queues per channel and topic and the callers-waiting list name the same callers', async () => {
		const server = await startServer({ EWT_REFRESH_MS: '100' });
		servers.push(server);
		const api = await client(server);
		const admin = { authorization: `Bearer ${server.adminToken}` };
		const now = Date.now();
		const S = 1000;
		// What a connector sends: voice and chat callers waiting, callers answered in the
		// millisecond they queue, an exit stored before its entry (a second source, a late file),
		// and a caller whose exit was lost 90 minutes ago (past the wait horizon: nobody waits so long).
		const exitsFirst: CanonicalEvent[] = [
			{ type: 'call.abandoned', ts: now - 55 * S, call_id: 'v-gone', topic: 'pensions' },
			{ type: 'call.abandoned', ts: now - 45 * S, call_id: 'c-gone', topic: 'benefits', channel: 'chat' }
		];
		const rest: CanonicalEvent[] = [
			{ type: 'call.queued', ts: now - 90 * 60 * S, call_id: 'v-lost', topic: 'pensions' },
			{ type: 'call.queued', ts: now - 90 * 60 * S, call_id: 'c-lost', topic: 'benefits', channel: 'chat' },
			{ type: 'call.queued', ts: now - 100 * S, call_id: 'v-1', topic: 'pensions' },
			{ type: 'call.wait_announced', ts: now - 99 * S, call_id: 'v-1', estimate_s: 60, method: 'erlangA' },
			{ type: 'call.queued', ts: now - 90 * S, call_id: 'c-1', topic: 'benefits', channel: 'chat' },
			{ type: 'call.queued', ts: now - 80 * S, call_id: 'v-2', topic: 'pensions' },
			{ type: 'call.queued', ts: now - 70 * S, call_id: 'v-now', topic: 'pensions' },
			{ type: 'call.answered', ts: now - 70 * S, call_id: 'v-now', agent: 'ona' },
			{ type: 'call.queued', ts: now - 60 * S, call_id: 'v-gone', topic: 'pensions' },
			{ type: 'call.queued', ts: now - 50 * S, call_id: 'c-now', topic: 'benefits', channel: 'chat' },
			{ type: 'call.answered', ts: now - 50 * S, call_id: 'c-now', agent: 'ona' },
			{ type: 'call.queued', ts: now - 48 * S, call_id: 'c-gone', topic: 'benefits', channel: 'chat' },
			{ type: 'call.queued', ts: now - 30 * S, call_id: 'c-3', topic: 'benefits', channel: 'chat' },
			{ type: 'call.queued', ts: now - 20 * S, call_id: 'v-5', topic: 'benefits' }
		];
		// Sent once the service is warm: the batches reach the queues as the writer hands them over
		// (live/inserted.ts), not through the warm-up read.
		for (let attempt = 0; attempt < 100 && !(await api.ewt()); attempt++) await sleep(100);
		await api.post(exitsFirst);
		await api.post(rest);
		type Now = { queues: { channel: string; topic: string; waiting: number; oldestQueuedAt: number | null }[]; callers?: { position: number; topic: string; channel: string; queuedAt: number; announcedS: number | null; from: string }[] };
		const position = async (topic: string, channel: string) =>
			((await (await fetch(`${server.url}/api/ewt?topic=${topic}&channel=${channel}`, { headers: admin })).json()) as Ewt).position;
		const read = async () => ((await (await fetch(`${server.url}/api/live`, { headers: admin })).json()) as Live & { now: Now }).now;
		let live: Now | null = null;
		for (let attempt = 0; attempt < 100; attempt++) {
			live = await read();
			if ((await api.ewt()) && live.callers?.length === 5) break;
			await sleep(200);
		}
		const expected = [
			['voice', 'pensions', 1, now - 100 * S, 60],
			['chat', 'benefits', 1, now - 90 * S, null],
			['voice', 'pensions', 2, now - 80 * S, null],
			['chat', 'benefits', 2, now - 30 * S, null],
			['voice', 'benefits', 1, now - 20 * S, null]
		];
		expect(live!.callers!.map((c) => [c.channel, c.topic, c.position, c.queuedAt, c.announcedS])).toEqual(expected);
		for (const [channel, topic, waiting, oldest] of [
			['voice', 'pensions', 2, now - 100 * S],
			['chat', 'benefits', 2, now - 90 * S],
			['voice', 'benefits', 1, now - 20 * S],
			['chat', 'pensions', 0, null]
		] as const) {
			const q = live!.queues.find((x) => x.channel === channel && x.topic === topic)!;
			expect([channel, topic, q.waiting, q.oldestQueuedAt]).toEqual([channel, topic, waiting, oldest]);
			// GET /api/ewt counts the same callers ahead of a caller joining now.
			expect([channel, topic, (await position(topic, channel)) - 1]).toEqual([channel, topic, waiting]);
			expect(live!.callers!.filter((c) => c.channel === channel && c.topic === topic).length).toBe(waiting);
		}
		expect(((await (await fetch(`${server.url}/api/live`, { headers: admin })).json()) as Live).topics.find((t) => t.topic === 'pensions')!.waiting).toBe(2);

		// The same bodies sent again (a connector's retry): nobody is counted twice.
		await api.post(exitsFirst);
		await api.post(rest);
		await sleep(1_500);
		const again = await read();
		expect(again.callers!.map((c) => [c.channel, c.topic, c.position, c.queuedAt, c.announcedS])).toEqual(expected);
		expect([(await position('pensions', 'voice')) - 1, (await position('benefits', 'chat')) - 1]).toEqual([2, 2]);
	}, 120_000);
});
