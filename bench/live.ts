/**
 * Live push at scale (part of npm run bench): 1,000 wallboard connections to the real
 * server. Reports, for an event accepted by POST /api/ingest, the time until the frame
 * showing it reached each client (p50/p99/max), the ClickHouse queries per tick with 1 and
 * with 1,000 clients (they must be equal), and the server's memory per connection.
 */
import { WebSocket } from 'ws';
import { startServer } from '../tests/helpers/server.ts';

const CLIENTS = Number(process.env.BENCH_WS_CLIENTS ?? 1_000);
const ROUNDS = 5;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

export async function benchLive(): Promise<void> {
	const server = await startServer({ CALLBOARD_DEMO: 'off' });
	try {
		const admin = { authorization: `Bearer ${server.adminToken}` };
		const mk = async (role: string) =>
			((await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ role }) })).json()) as { token: string }).token;
		const wallboard = await mk('wallboard');
		const ingest = await mk('ingest');
		/** Counters from one /metrics snapshot: two reads could straddle a tick. */
		const metrics = async <N extends string[]>(...names: N) => {
			const text = await (await fetch(`${server.url}/metrics`, { headers: admin })).text();
			return names.map((name) => Number(new RegExp(`^${name} ([\\d.e+]+)`, 'm').exec(text)?.[1] ?? NaN)) as { [K in keyof N]: number };
		};
		const queriesPerTick = async () => {
			const [t0, q0] = await metrics('callboard_live_ticks_total', 'callboard_live_queries_total');
			await new Promise((r) => setTimeout(r, 3_000));
			const [t1, q1] = await metrics('callboard_live_ticks_total', 'callboard_live_queries_total');
			return (q1 - q0) / (t1 - t0);
		};
		const url = `${server.url.replace('http', 'ws')}/live?token=${wallboard}`;
		type Client = { ws: WebSocket; waiting: number; onWaiting: ((n: number) => void) | null };
		const connect = () =>
			new Promise<Client>((resolve, reject) => {
				const c: Client = { ws: new WebSocket(url), waiting: -1, onWaiting: null };
				c.ws.on('message', (data) => {
					const text = String(data);
					// Cheap extraction: the first topic is pensions; read its "waiting".
					const m = /"topic":"pensions","waiting":(\d+)/.exec(text);
					if (m) {
						c.waiting = Number(m[1]);
						c.onWaiting?.(c.waiting);
					}
				});
				c.ws.once('open', () => resolve(c));
				c.ws.once('error', reject);
			});

		const one = [await connect()];
		await new Promise((r) => setTimeout(r, 1_500));
		const perTickOne = await queriesPerTick();
		const [rssBefore] = await metrics('process_resident_memory_bytes');
		const clients: Client[] = [...one];
		for (let i = 1; i < CLIENTS; i += 50) clients.push(...(await Promise.all(Array.from({ length: Math.min(50, CLIENTS - i) }, connect))));
		await new Promise((r) => setTimeout(r, 2_000));
		const [rssAfter] = await metrics('process_resident_memory_bytes');
		const perTickMany = await queriesPerTick();

		const latencies: number[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			const target = clients[0]!.waiting + 1;
			const seen = clients.map(
				(c) =>
					new Promise<number>((resolve) => {
						if (c.waiting >= target) return resolve(performance.now());
						c.onWaiting = (n) => n >= target && (c.onWaiting = null, resolve(performance.now()));
					})
			);
			const body = JSON.stringify({ type: 'call.queued', ts: Date.now() - 1_000, call_id: `bench-live-${round}`, topic: 'pensions' });
			const res = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${ingest}` }, body });
			const accepted = performance.now();
			if (!res.ok) throw new Error(`ingest answered ${res.status}`);
			for (const t of await Promise.all(seen)) latencies.push(t - accepted);
			await new Promise((r) => setTimeout(r, 500));
		}
		for (const c of clients) c.ws.close();

		console.log(`\nlive push, ${CLIENTS.toLocaleString('en-US')} wallboard connections to the real server (${ROUNDS} events):`);
		console.log(`  event accepted → frame at every client: p50 ${pct(latencies, 50).toFixed(0)} ms   p99 ${pct(latencies, 99).toFixed(0)} ms   max ${Math.max(...latencies).toFixed(0)} ms   (target p99 ≤ 1 s, aim 250 ms)`);
		console.log(`  ClickHouse queries per tick: ${perTickOne} with 1 client, ${perTickMany} with ${CLIENTS} (must be equal)`);
		console.log(`  server memory per connection: ${((rssAfter - rssBefore) / 1024 / (CLIENTS - 1)).toFixed(1)} KiB (RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB)`);
	} finally {
		await server.stop();
	}
}
