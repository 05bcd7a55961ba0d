/**
 * The supervisor's live view, measured as a screen sees it (BENCH_ONLY=live-view, and part of
 * npm run bench), on the real server:
 *  1. an event posted → the consultant's row and the alert it raises on every one of
 *     BENCH_VIEW_SCREENS supervisor screens (default 1,000), BENCH_VIEW_EVENTS (30) times: p50/p99/max;
 *  2. a line appended to a queue_log the server follows (INGEST_SOURCE) → the frame showing it,
 *     at BENCH_FOLLOW_EPS lines/s (1,000) for BENCH_FOLLOW_SECONDS (10): p50/p99/max;
 *  3. the tick's ClickHouse queries and time with BENCH_CONSULTANTS (300) consultants logged in;
 *  4. fan-out to BENCH_FANOUT_SCREENS (10,000) screens: from the tick's start (the frame's asOf)
 *     to the frame at each screen and at the last one, p50/p99.
 * Each figure comes with its breakdown by stage (src/lib/server/live/stages.ts, read from the
 * server's /metrics before and after it) and its target, met or missed. Server and screens share
 * the machine: compare stages with each other, and runs made back to back.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startServer } from '../tests/helpers/server.ts';
import { tempDir } from '../tests/helpers/tempDir.ts';

const VIEW_SCREENS = Number(process.env.BENCH_VIEW_SCREENS ?? 1_000);
const FOLLOW_EPS = Number(process.env.BENCH_FOLLOW_EPS ?? 1_000);
const FOLLOW_SECONDS = Number(process.env.BENCH_FOLLOW_SECONDS ?? 10);
const CONSULTANTS = Number(process.env.BENCH_CONSULTANTS ?? 300);
const FANOUT_SCREENS = Number(process.env.BENCH_FANOUT_SCREENS ?? 10_000);
/** Events measured for figure 1: enough for a p99 to mean something. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_VIEW_EVENTS ?? 30));
/**
 * Events sent first and not counted (BENCH_VIEW_WARMUP): a server just started, with 1,000
 * screens just opened, is still compiling its hot paths (the first events took 250–550 ms
 * against 180–240 ms after). Printed apart, so the warm-up is seen, not hidden.
 */
const WARMUP = Math.max(0, Number(process.env.BENCH_VIEW_WARMUP ?? 5));

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const ms = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(0)} ms   p99 ${pct(xs, 99).toFixed(0)} ms   max ${Math.max(...xs).toFixed(0)} ms`;
const target = (xs: number[], limitMs: number) => `target p99 ≤ ${limitMs} ms: ${xs.length && pct(xs, 99) <= limitMs ? 'met' : 'missed'}`;
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

/**
 * fetch, once more if the connection was closed under it (a kept-alive socket the loaded server
 * closed as the request went out). Only for requests that may be repeated: metrics, and ingest
 * bodies, which the server stores once however often they come.
 */
async function fetchAgain(url: string, init?: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (e) {
		if (!(e instanceof TypeError)) throw e;
		await sleep(100);
		return fetch(url, init);
	}
}

/** A histogram from /metrics: per series (stage), cumulative bucket counts, sum and count. */
type Hist = Map<string, { buckets: Map<number, number>; sum: number; count: number }>;

function parseHistograms(text: string): Hist {
	const out: Hist = new Map();
	const series = (key: string) => {
		let h = out.get(key);
		if (!h) out.set(key, (h = { buckets: new Map(), sum: 0, count: 0 }));
		return h;
	};
	for (const m of text.matchAll(/^(callboard_live_stage_seconds|callboard_ingest_flush_seconds)_(bucket|sum|count)(?:\{([^}]*)\})? ([\d.e+-]+|\+Inf)$/gm)) {
		const labels = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
		const h = series(m[1] === 'callboard_ingest_flush_seconds' ? 'insert' : labels.stage!);
		const value = Number(m[4]);
		if (m[2] === 'bucket') h.buckets.set(labels.le === '+Inf' ? Infinity : Number(labels.le), value);
		else if (m[2] === 'sum') h.sum = value;
		else h.count = value;
	}
	return out;
}

/** The order stages follow from new data to the last socket (live/stages.ts). */
const STAGE_ORDER = ['follow_read', 'follow_room', 'insert', 'feed_refresh', 'nudge_wait', 'read', 'serialize', 'send'];

/** Each stage between two /metrics readings: how often, mean, and p99 (a bucket's upper bound). */
function stageTable(before: Hist, after: Hist): string {
	const lines: string[] = [];
	for (const stage of STAGE_ORDER) {
		const a = after.get(stage);
		if (!a) continue;
		const b = before.get(stage);
		const count = a.count - (b?.count ?? 0);
		if (count <= 0) continue;
		const mean = ((a.sum - (b?.sum ?? 0)) / count) * 1000;
		let p99 = Infinity;
		for (const [le, n] of [...a.buckets].sort((x, y) => x[0] - y[0]))
			if (n - (b?.buckets.get(le) ?? 0) >= count * 0.99) {
				p99 = le * 1000;
				break;
			}
		lines.push(`    ${stage.padEnd(13)} ${String(count).padStart(6)}×   mean ${mean.toFixed(1).padStart(7)} ms   p99 ≤ ${p99 === Infinity ? '∞' : p99.toFixed(0)} ms`);
	}
	return lines.length ? `  by stage (server's /metrics; one tick serves many events):\n${lines.join('\n')}` : '  by stage: nothing recorded';
}

/**
 * A screen of the bench: its frames as the bytes that came. One process plays every screen, on
 * the server's machine: decoding and searching each frame as text, which a real screen does on
 * its own machine, put the bench's own work for 1,000 screens into the figure it measures.
 */
type Screen = { ws: WebSocket; onFrame: ((frame: Buffer, at: number) => void) | null };

/** The number right after `key` in a frame (a JSON integer), or null. */
function numberAfter(frame: Buffer, key: Buffer): number | null {
	const at = frame.indexOf(key);
	if (at < 0) return null;
	let n = 0;
	let i = at + key.length;
	for (; i < frame.length && frame[i]! >= 48 && frame[i]! <= 57; i++) n = n * 10 + frame[i]! - 48;
	return i > at + key.length ? n : null;
}

export async function benchLiveView(): Promise<void> {
	const dir = tempDir('bench-live-view');
	const queueLog = join(dir.path, 'queue_log');
	writeFileSync(queueLog, '');
	const server = await startServer({ CALLBOARD_DEMO: 'off', INGEST_SOURCE: `queue-log:${queueLog}` });
	try {
		const admin = { authorization: `Bearer ${server.adminToken}` };
		const mk = async (role: string) =>
			((await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ role }) })).json()) as { token: string }).token;
		const wallboard = await mk('wallboard');
		const ingestToken = await mk('ingest');
		const post = async (lines: object[]) => {
			const res = await fetchAgain(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${ingestToken}` }, body: lines.map((l) => JSON.stringify(l)).join('\n') });
			if (!res.ok) throw new Error(`ingest answered ${res.status}`);
		};
		const metrics = async <N extends string[]>(...names: N) => {
			const text = await (await fetchAgain(`${server.url}/metrics`, { headers: admin })).text();
			return names.map((name) => Number(new RegExp(`^${name} ([\\d.e+-]+)`, 'm').exec(text)?.[1] ?? NaN)) as { [K in keyof N]: number };
		};
		const stages = async () => parseHistograms(await (await fetchAgain(`${server.url}/metrics`, { headers: admin })).text());
		const open = (headers: Record<string, string>, query = '') =>
			new Promise<Screen>((resolve, reject) => {
				const s: Screen = { ws: new WebSocket(`${server.url.replace('http', 'ws')}/live${query}`, { headers }), onFrame: null };
				s.ws.on('message', (d: Buffer) => s.onFrame?.(d, performance.now()));
				s.ws.once('open', () => resolve(s));
				s.ws.once('error', reject);
			});
		const openMany = async (n: number, headers: Record<string, string>, query = '') => {
			const out: Screen[] = [];
			for (let i = 0; i < n; i += 100) out.push(...(await Promise.all(Array.from({ length: Math.min(100, n - i) }, () => open(headers, query)))));
			return out;
		};

		// 3 first (before the screens: the tick's own cost): consultants logged in at every site.
		const sites = ['panevezys', 'radviliskis', 'siauliai'];
		const topics = ['pensions', 'benefits', 'contributions', 'other'];
		const t0 = Date.now() - 3_600_000;
		const states = ['available', 'on_call', 'wrap_up', 'not_ready'];
		await post(
			Array.from({ length: CONSULTANTS }, (_, i) => [
				{ type: 'agent.state', ts: t0, agent: `c${i}`, site: sites[i % 3], state: 'logged_in', topics: [topics[i % 4], topics[(i + 1) % 4]] },
				{ type: 'agent.state', ts: t0 + 60_000 + i, agent: `c${i}`, state: states[i % 4], reason: i % 4 === 3 ? 'break' : undefined }
			]).flat()
		);
		const probe = await open(admin);
		await sleep(1_500);
		const [tk0, q0, s0] = await metrics('callboard_live_ticks_total', 'callboard_live_queries_total', 'callboard_live_tick_seconds_sum');
		const st0 = await stages();
		await sleep(5_000);
		const [tk1, q1, s1] = await metrics('callboard_live_ticks_total', 'callboard_live_queries_total', 'callboard_live_tick_seconds_sum');
		const st1 = await stages();
		console.log(`\nlive view: the tick with ${CONSULTANTS} consultants logged in (one supervisor screen):`);
		console.log(`  ClickHouse queries per tick: ${((q1 - q0) / (tk1 - tk0)).toFixed(0)}   mean tick (read, serialize, send): ${(((s1 - s0) / (tk1 - tk0)) * 1000).toFixed(0)} ms over ${tk1 - tk0} ticks`);
		console.log(stageTable(st0, st1));
		probe.ws.close();

		// 1. event → consultant row and alert on every supervisor screen.
		const screens = await openMany(VIEW_SCREENS, admin);
		await sleep(2_000);
		const viewLatencies: number[] = [];
		const lastScreen: number[] = [];
		const answered: number[] = [];
		const warmup: number[] = [];
		let vs0 = await stages();
		for (let round = 0; round < WARMUP + ROUNDS; round++) {
			if (round === WARMUP) vs0 = await stages();
			const counted = round >= WARMUP;
			const agent = `bench-a-${round}`;
			// The consultant's row as the socket carries it (protocol.ts WireState: agent, site, state first).
			const row = Buffer.from(`["${agent}","siauliai","on_call",`);
			const alert = Buffer.from('"figure":"waiting","scope":"other"');
			const seen = screens.map(
				(s) =>
					new Promise<number>((resolve) => {
						s.onFrame = (frame, at) => {
							if (frame.includes(row) && frame.includes(alert)) (s.onFrame = null, resolve(at));
						};
					})
			);
			const now = Date.now() - 1_000;
			const posted = performance.now();
			await post([
				{ type: 'agent.state', ts: now, agent, site: 'siauliai', state: 'on_call', topics: ['other'] },
				...Array.from({ length: 15 }, (_, i) => ({ type: 'call.queued', ts: now, call_id: `bench-q-${round}-${i}`, topic: 'other' }))
			]);
			const postedIn = performance.now() - posted;
			const at = await Promise.all(seen);
			if (counted) {
				answered.push(postedIn);
				for (const t of at) viewLatencies.push(t - posted);
				lastScreen.push(Math.max(...at) - posted);
			} else warmup.push(Math.max(...at) - posted);
			// The queue empties and the alert ends (on every screen) before the next round.
			const ended = screens.map(
				(s) =>
					new Promise<void>((resolve) => {
						s.onFrame = (frame) => {
							if (!frame.includes(alert)) (s.onFrame = null, resolve());
						};
					})
			);
			await post(Array.from({ length: 15 }, (_, i) => ({ type: 'call.abandoned', ts: now + 500, call_id: `bench-q-${round}-${i}` })));
			await Promise.all(ended);
			await sleep(200);
		}
		const vs1 = await stages();
		for (const s of screens) s.ws.close();
		console.log(`\nlive view: event posted → consultant's row and alert on each of ${VIEW_SCREENS.toLocaleString('en-US')} supervisor screens (${ROUNDS} events):`);
		console.log(`  each screen:             ${ms(viewLatencies)}`);
		console.log(`  last screen of an event: ${ms(lastScreen)}   ${target(lastScreen, 250)}`);
		console.log(`  of which the POST (body → pipeline → insert done, as /api/ingest answers): ${ms(answered)}`);
		if (warmup.length) console.log(`  the ${WARMUP} warm-up events before them (not counted), last screen: ${warmup.map((x) => `${x.toFixed(0)} ms`).join(', ')}`);
		console.log(stageTable(vs0, vs1));

		// 2. a line appended to the followed queue_log → the frame showing it.
		const watcher = await open({}, `?token=${wallboard}`);
		let waiting = 0;
		const shown: { n: number; at: number }[] = [];
		const contributions = Buffer.from('"topic":"contributions","waiting":');
		watcher.onFrame = (frame, at) => {
			const n = numberAfter(frame, contributions);
			if (n !== null && n > waiting) shown.push({ n: (waiting = n), at });
		};
		await sleep(1_500);
		const base = waiting;
		const fs0 = await stages();
		const total = FOLLOW_EPS * FOLLOW_SECONDS;
		const appendedAt: number[] = [];
		const step = 10;
		const perStep = Math.max(1, Math.round((FOLLOW_EPS * step) / 1000));
		const start = performance.now();
		for (let k = 0; k < total; ) {
			const epoch = Math.floor(Date.now() / 1000);
			const chunk: string[] = [];
			for (let i = 0; i < perStep && k < total; i++, k++) chunk.push(`${epoch}|bench-f-${k}|contributions|NONE|ENTERQUEUE||37060000000|1`);
			appendFileSync(queueLog, chunk.join('\n') + '\n');
			const at = performance.now();
			for (let i = 0; i < chunk.length; i++) appendedAt.push(at);
			await sleep(Math.max(0, start + (k / perStep) * step - performance.now()));
		}
		const deadline = performance.now() + 30_000;
		while (waiting - base < total && performance.now() < deadline) await sleep(50);
		const fs1 = await stages();
		watcher.ws.close();
		const followLatencies: number[] = [];
		let j = 0;
		for (let k = 0; k < total; k++) {
			while (j < shown.length && shown[j]!.n - base < k + 1) j++;
			if (j < shown.length) followLatencies.push(shown[j]!.at - appendedAt[k]!);
		}
		console.log(`\nlive view: a line appended to a followed queue_log → the frame showing it, ${FOLLOW_EPS.toLocaleString('en-US')} lines/s for ${FOLLOW_SECONDS} s:`);
		console.log(`  ${followLatencies.length ? ms(followLatencies) : 'no frame'}   (${followLatencies.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} lines seen)   ${target(followLatencies, 500)}`);
		console.log(stageTable(fs0, fs1));

		// 4. fan-out: tick start (asOf) → frame at each screen, and at the last one of each tick.
		const many = await openMany(FANOUT_SCREENS, {}, `?token=${wallboard}`);
		const byTick = new Map<number, number[]>();
		const asOfKey = Buffer.from('"asOf":');
		for (const s of many)
			s.onFrame = (frame) => {
				const asOf = numberAfter(frame, asOfKey);
				if (asOf === null) return;
				const list = byTick.get(asOf) ?? [];
				list.push(Date.now() - asOf);
				byTick.set(asOf, list);
			};
		const os0 = await stages();
		await sleep(6_000);
		const os1 = await stages();
		for (const s of many) s.ws.close();
		const complete = [...byTick.values()].filter((l) => l.length === FANOUT_SCREENS);
		const each = complete.flat();
		const last = complete.map((l) => Math.max(...l));
		console.log(`\nlive view: fan-out to ${FANOUT_SCREENS.toLocaleString('en-US')} wallboard screens (${complete.length} complete ticks; tick start → frame, includes the tick's queries):`);
		console.log(complete.length ? `  each screen: ${ms(each)}\n  last screen of a tick: ${ms(last)}` : '  no tick reached every screen');
		console.log(stageTable(os0, os1));
	} catch (e) {
		// The server's own account of what went wrong, beside the bench's.
		console.error(`live view bench failed; the server's last output:\n${server.logs().slice(-4_000)}`);
		throw e;
	} finally {
		await server.stop();
		dir.remove();
	}
}

if (process.argv[1]?.endsWith('liveView.ts')) await benchLiveView();
