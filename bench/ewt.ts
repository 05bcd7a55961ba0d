/**
 * Estimated wait (part of npm run bench):
 *  1. the accuracy table of every estimator per scenario with known truth (the M/M/100(+M)
 *     scenarios of the tests, simulated longer: BENCH_EWT_HOURS, default a week each);
 *  2. the same accuracy table on the real path: a simulated day at 140% load and the centre's
 *     day (70–140%) sent through POST /api/ingest to a running server, scored from what it
 *     stored, beside the harness's table for the same callers (bench/ewtServer.ts;
 *     BENCH_EWT_SERVER_HOURS, default 24; 0 skips it);
 *  3. GET /api/ewt latency on the real server under 200 concurrent requests: the server's own
 *     time per request (Server-Timing, from memory: the p99 ≤ 5 ms target) and end to end,
 *     beside a bare node:http server under the same load in the same run (the baseline).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { runScenarios, scenarioTable } from '../tests/unit/ewt/scenarios.ts';
import { startServer } from '../tests/helpers/server.ts';
import { printReplay, replayThroughServer } from './ewtServer.ts';

const HOURS = Number(process.env.BENCH_EWT_HOURS ?? 168);
const CONCURRENCY = 200;
const ROUNDS = Number(process.env.BENCH_EWT_ROUNDS ?? 25);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

console.log(`\n== Estimated wait: accuracy per scenario (${HOURS} simulated hours each after a 1-hour warm-up; MSE ratios > 1 mean Erlang-A is better)`);
const t0 = performance.now();
console.table(scenarioTable(runScenarios(HOURS)));
console.log(`simulated and scored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const SERVER_HOURS = Number(process.env.BENCH_EWT_SERVER_HOURS ?? 24);
const STEP_S = Number(process.env.BENCH_EWT_STEP_S ?? 900);
if (SERVER_HOURS > 0) printReplay(await replayThroughServer(SERVER_HOURS, STEP_S, () => {}), SERVER_HOURS, STEP_S);

const server = await startServer({ CALLBOARD_DEMO: 'off' });
try {
	const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
	const res = await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role: 'ingest' }) });
	const { token } = (await res.json()) as { token: string };
	const auth = { authorization: `Bearer ${token}` };
	// A busy queue to estimate: 40 consultants, 300 callers handled over the last 20 minutes, 25 waiting.
	const now = Date.now();
	const lines: object[] = [];
	for (let a = 0; a < 40; a++) lines.push({ type: 'agent.state', ts: now - 30 * 60_000, agent: `a${a}`, site: 'siauliai', state: 'logged_in', topics: ['pensions'] });
	for (let i = 0; i < 300; i++) {
		const q = now - 25 * 60_000 + i * 4_000;
		lines.push(
			{ type: 'call.queued', ts: q, call_id: `b${i}`, topic: 'pensions', channel: 'voice' },
			{ type: 'call.answered', ts: q + 20_000, call_id: `b${i}`, agent: `a${i % 40}`, site: 'siauliai' },
			{ type: 'call.ended', ts: q + 200_000, call_id: `b${i}`, talk_ms: 170_000, hold_ms: 10_000 },
			{ type: 'call.wrapup_ended', ts: q + 230_000, call_id: `b${i}`, wrap_ms: 30_000 }
		);
	}
	for (let i = 0; i < 25; i++) lines.push({ type: 'call.queued', ts: now - 60_000 + i * 2_000, call_id: `w${i}`, topic: 'pensions', channel: 'voice' });
	await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: auth, body: lines.map((l) => JSON.stringify(l)).join('\n') });
	for (let i = 0; i < 100; i++) {
		const r = await fetch(`${server.url}/api/ewt?topic=pensions`, { headers: auth });
		if (r.ok && ((await r.json()) as { position: number }).position > 20) break;
		await new Promise((r) => setTimeout(r, 100));
	}

	/** End-to-end times, and the server's own time per request (its Server-Timing header). */
	const load = async (url: string, headers: Record<string, string>, concurrency = CONCURRENCY, rounds = ROUNDS) => {
		const times: number[] = [];
		const server: number[] = [];
		for (let round = 0; round < rounds; round++) {
			await Promise.all(
				Array.from({ length: concurrency }, async () => {
					const start = performance.now();
					const r = await fetch(url, { headers });
					await r.arrayBuffer();
					if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
					times.push(performance.now() - start);
					const dur = /app;dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')?.[1];
					if (dur) server.push(Number(dur));
				})
			);
		}
		return { times, server };
	};
	// Baseline: a bare node:http server answering a constant, in this process, under the same
	// load: what the client, the loopback and one event loop cost before any application code.
	const bare = http.createServer((_req, res) => res.setHeader('content-type', 'application/json').end('{"position":1}'));
	await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
	const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
	const ewtUrl = `${server.url}/api/ewt?topic=pensions`;
	await load(bareUrl, {});
	await load(ewtUrl, auth); // warm the connections and the JIT
	const base = await load(bareUrl, {});
	const ewt = await load(ewtUrl, auth);
	const alone = await load(ewtUrl, auth, 1, 1000);
	bare.close();
	const sample = (await (await fetch(ewtUrl, { headers: auth })).json()) as object;
	const row = (xs: number[]) => ({ p50_ms: +pct(xs, 50).toFixed(2), p99_ms: +pct(xs, 99).toFixed(2), max_ms: +Math.max(...xs).toFixed(2) });
	console.log(`\n== GET /api/ewt under ${CONCURRENCY} concurrent requests (${ROUNDS} rounds, ${ewt.times.length} requests; client and server on the same 2 cores)`);
	console.table({
		'/api/ewt, in the server (Server-Timing)': row(ewt.server),
		'/api/ewt, end to end': row(ewt.times),
		'bare node:http, end to end (baseline)': row(base.times),
		'/api/ewt one at a time, end to end': row(alone.times)
	});
	console.log(`end-to-end p99 ÷ baseline p99: ${(pct(ewt.times, 99) / pct(base.times, 99)).toFixed(1)}× (the rest is 200 requests queueing for one event loop)`);
	console.log(`an answer: ${JSON.stringify(sample)}`);
} finally {
	await server.stop();
}
