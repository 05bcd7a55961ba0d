/**
 * The Genesys Cloud connector (part of npm run bench), against the local double of the API
 * (tests/helpers/genesysCloudDouble.ts) and the real built server (INGEST_SOURCE=genesys):
 * - event → frame: a `v2.routing.queues.{id}.conversations` notification of a caller joining
 *   the queue, until the wallboard's WebSocket frame shows him waiting (p50, max);
 * - reconciliation for a day of our centre's volume (BENCH_GENESYS_CALLS, 4,000 calls): the
 *   catch-up from a server start to the day's figures on /api/stats (24 hourly details
 *   reads, paged by 100), then the cost of one steady pass (the last hour and its overlap read
 *   again, every contact a duplicate), from the connector's own counters.
 * Small and quick: a minute or so.
 */
import { WebSocket } from 'ws';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../tests/helpers/server.ts';
import { conversationNotification, detailRecord, startGenesysCloudDouble, type ScriptedCall } from '../tests/helpers/genesysCloudDouble.ts';

const CALLS = Number(process.env.BENCH_GENESYS_CALLS ?? 4_000);
const ROUNDS = Number(process.env.BENCH_GENESYS_ROUNDS ?? 10);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

const now = new Date();
// Yesterday 06:00–18:00 UTC: one Vilnius day, inside the 24 h catch-up window... of a start
// at least 18 h later; the catch-up is set to 48 h to hold it whatever the hour.
const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, 6);
const day = new Date(dayStart).toISOString().slice(0, 10);
const calls: ScriptedCall[] = Array.from({ length: CALLS }, (_, i) => ({
	id: `bench000-${String(i).padStart(4, '0')}-4000-8000-${String(i).padStart(12, '0')}`,
	queueId: ['q-pen', 'q-ism', 'q-imo', 'q-kit'][i % 4]!,
	userId: `user-${i % 40}`,
	start: dayStart + Math.floor((i * 12 * 3_600_000) / CALLS),
	waitMs: 5_000 + ((i * 7_919) % 180_000),
	talkMs: i % 9 === 8 ? 0 : 60_000 + ((i * 4_801) % 400_000),
	holdMs: i % 5 ? 0 : 20_000,
	acwMs: i % 9 === 8 ? 0 : 30_000,
	finished: true
}));

const double = await startGenesysCloudDouble({
	queues: [
		{ id: 'q-pen', name: 'Pensijos' },
		{ id: 'q-ism', name: 'Išmokos' },
		{ id: 'q-imo', name: 'Įmokos' },
		{ id: 'q-kit', name: 'Kiti' }
	],
	users: Array.from({ length: 40 }, (_, i) => ({ id: `user-${i}`, name: `K${i}`, email: `k${i}@fondas.lt`, queueIds: ['q-pen', 'q-ism', 'q-imo', 'q-kit'] }))
});
double.conversations.push(...calls.map(detailRecord));
const dir = mkdtempSync(join(tmpdir(), 'callboard-bench-genesys-'));
const configFile = join(dir, 'callboard.json');
writeFileSync(configFile, JSON.stringify({ genesys: { reconcileSeconds: 5, catchUpHours: 48 } }));
const server = await startServer({
	CALLBOARD_CONFIG: configFile,
	INGEST_SOURCE: 'genesys',
	GENESYS_API_URL: double.url,
	GENESYS_LOGIN_URL: double.url,
	GENESYS_CLIENT_ID: double.clientId,
	GENESYS_CLIENT_SECRET: double.clientSecret
});
const started = performance.now();
try {
	const admin = { authorization: `Bearer ${server.adminToken}` };
	const offered = async () => ((await (await fetch(`${server.url}/api/stats?from=${day}&to=${day}`, { headers: admin })).json()) as { total: { offered: number } }).total.offered;
	while ((await offered()) < CALLS) await new Promise((r) => setTimeout(r, 100));
	const catchUpS = (performance.now() - started) / 1000;
	const queriesCatchUp = double.requests.filter((r) => r.endsWith('/details/query')).length;

	const metric = async (name: string) => Number(new RegExp(`^${name} ([\\d.e+]+)`, 'm').exec(await (await fetch(`${server.url}/metrics`, { headers: admin })).text())?.[1] ?? NaN);
	// One steady pass: from the end of one pass (the reconciled counter moves) to the end of the next.
	const passEnd = async () => {
		const before = await metric('callboard_genesys_reconciliations_total');
		while ((await metric('callboard_genesys_reconciliations_total')) === before) await new Promise((r) => setTimeout(r, 20));
		return performance.now();
	};
	const endOfCatchUp = await passEnd();
	const before = double.requests.length;
	const steadyEnd = await passEnd();
	const steadyRequests = double.requests.slice(before).filter((r) => r.endsWith('/details/query')).length;
	// The pass runs every reconcileSeconds (5 s): what is above that is the pass itself.
	const steadyMs = steadyEnd - endOfCatchUp - 5_000;

	// Event → frame.
	const token = ((await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'wallboard' }) })).json()) as { token: string }).token;
	let waiting = -1;
	let onWaiting: ((n: number) => void) | null = null;
	const ws = new WebSocket(`${server.url.replace('http', 'ws')}/live?token=${token}`);
	ws.on('message', (data) => {
		const m = /"topic":"pensions","waiting":(\d+)/.exec(String(data));
		if (m) {
			waiting = Number(m[1]);
			onWaiting?.(waiting);
		}
	});
	await new Promise((r) => ws.once('open', r));
	while (waiting < 0) await new Promise((r) => setTimeout(r, 50));
	const latencies: number[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		const target = waiting + 1;
		const seen = new Promise<number>((resolve) => (onWaiting = (n) => n >= target && ((onWaiting = null), resolve(performance.now()))));
		const at = Date.now();
		const c: ScriptedCall = { id: `benchlive-${round}-4000-8000-000000000000`, queueId: 'q-pen', userId: 'user-1', start: at, waitMs: 600_000, talkMs: 1, holdMs: 0, acwMs: 0, finished: false };
		const sent = performance.now();
		if (double.publish('v2.routing.queues.q-pen.conversations', conversationNotification(c, at)) !== 1) throw new Error('no subscribed socket');
		latencies.push((await seen) - sent);
		await new Promise((r) => setTimeout(r, 300));
	}
	ws.close();
	console.log(`\nGenesys Cloud connector (double of the API, real server; ${CALLS} calls in one day)`);
	console.log(`| figure | value |\n|---|---|`);
	console.log(`| notification → wallboard frame, p50 / max of ${ROUNDS} | ${Math.round(pct(latencies, 50))} ms / ${Math.round(Math.max(...latencies))} ms |`);
	console.log(`| catch-up of the day after a start, until /api/stats shows all ${CALLS} | ${catchUpS.toFixed(1)} s, ${queriesCatchUp} details queries |`);
	console.log(`| one steady reconciliation (the last hour and its overlap read again) | about ${Math.max(0, Math.round(steadyMs))} ms, ${steadyRequests} details queries |`);
} finally {
	await server.stop();
	await double.close();
	rmSync(dir, { recursive: true, force: true });
}
