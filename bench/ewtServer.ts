/**
 * Estimated wait on the real path (part of npm run bench, via bench/ewt.ts; alone:
 * `node bench/ewtServer.ts`): the harness's scenarios sent as canonical events through
 * POST /api/ingest to a running server, whose EWT service reads them back from ClickHouse,
 * keeps its queues and stores every estimator for each arriving caller (ewt_estimates); the
 * accuracy comes from GET /api/ewt/accuracy, which scores those stored estimates against the
 * contacts the ingest assembled. The harness's table for the very same traffic (same seed, same
 * callers) is printed beside it.
 *
 * A day cannot take a day: the server runs with EWT_CLOCK=events (its EWT service's now is the
 * latest event time it read; nothing else changes) and EWT_REFRESH_MS=250. The bench sends the
 * day in steps of BENCH_EWT_STEP_S simulated seconds (900) and waits after each until the
 * service has read it (GET /api/ewt's asOf reaches the step's last event). The queue, the
 * rates and the callers ahead follow every event in order whatever the step; only the
 * consultants' states are read once per step (a real server reads them every refresh), which
 * matters only to callers who find a consultant free (told 0 s, or one completion's time).
 * Sending is most of the time (the ingest path, about 2,000 events a second on 2 busy cores). The simulated day is placed on tomorrow's date (the centre's
 * time zone) after a one-hour warm-up, so the accuracy query scores exactly its callers.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { scenarios, scenarioTable, score, type Scored } from '../tests/unit/ewt/scenarios.ts';
import { trafficEvents, type CanonicalEvent } from '../tests/unit/ewt/trafficEvents.ts';
import { startServer } from '../tests/helpers/server.ts';
import { localDateRange } from '../src/lib/server/stats/periodRange.ts';
import type { AccuracyReport } from '../src/lib/server/ewt/accuracy.ts';

const TIME_ZONE = 'Europe/Vilnius';

/** The two loads the issue sets targets for, each in its own topic (queues and consultants apart). */
const RUNS = [
	{ name: 'M/M/100+M at 140% (seed 3)', topic: 'pensions', label: '140% load' },
	{ name: 'time-varying day 70–140% (seed 4)', topic: 'benefits', label: "the centre's day" }
] as const;

type Row = AccuracyReport & { topic: string | null; hour: number | null; method: string };

export type ServerReplay = { harness: Record<string, Scored>; server: Record<string, Scored>; wallS: number; postS: number; events: number; steps: number };

export async function replayThroughServer(hours = 24, stepS = 900, log: (line: string) => void = console.log): Promise<ServerReplay> {
	const all = scenarios(hours);
	// The scored day is tomorrow's local date; the warm-up hour ends at its midnight.
	const day = localDateRange(null, null, TIME_ZONE, Date.now() + 86_400_000);
	const startMs = day.fromMs - all[RUNS[0].name].warmupS * 1000;
	const harness: Record<string, Scored> = {};
	const events: CanonicalEvent[] = [];
	for (const run of RUNS) {
		const traffic = trafficEvents(all[run.name], startMs, { topic: run.topic, prefix: `s${all[run.name].seed}` });
		harness[run.label] = score(traffic.records);
		for (const e of traffic.events) events.push(e);
	}
	// One stream, in time order, as a PBX sends it (each scenario's own events are in order already).
	events.sort((a, b) => a.ts - b.ts);
	// The bench reads the scored day alone; hours > 24 spill into the next date.
	const toDate = localDateRange(null, null, TIME_ZONE, day.fromMs + hours * 3_600_000 - 1).fromDate;

	const server = await startServer({ CALLBOARD_DEMO: 'off', EWT_CLOCK: 'events', EWT_REFRESH_MS: process.env.BENCH_EWT_REFRESH_MS ?? '250', CENTRE_TIME_ZONE: TIME_ZONE });
	try {
		const admin = { authorization: `Bearer ${server.adminToken}` };
		const res = await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'ingest' }) });
		const auth = { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
		const t0 = performance.now();
		let steps = 0;
		let postS = 0;
		for (let i = 0; i < events.length; ) {
			const stepEnd = events[i]!.ts + stepS * 1000;
			let j = i;
			let lastCallTs = -Infinity;
			while (j < events.length && events[j]!.ts < stepEnd) {
				if (events[j]!.type.startsWith('call.')) lastCallTs = events[j]!.ts;
				j++;
			}
			const body = events.slice(i, j).map((e) => JSON.stringify(e)).join('\n');
			const posted = performance.now();
			const r = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: auth, body });
			if (!r.ok) throw new Error(`POST /api/ingest: HTTP ${r.status} ${await r.text()}`);
			const result = (await r.json()) as { rejected?: number };
			if (result.rejected) throw new Error(`the server rejected ${result.rejected} events of step ${steps}: ${JSON.stringify(result)}`);
			postS += (performance.now() - posted) / 1000;
			// Wait for the EWT service to have read the step: its clock is the latest event it read.
			if (lastCallTs > -Infinity) await until(async () => Date.parse(((await (await fetch(`${server.url}/api/ewt?topic=${RUNS[0].topic}`, { headers: auth })).json()) as { asOf?: string }).asOf ?? '') >= lastCallTs);
			i = j;
			if (++steps % 48 === 0) log(`  sent ${((events[j - 1]!.ts - startMs) / 3_600_000).toFixed(0)} simulated hours (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
		}
		const server_: Record<string, Scored> = {};
		for (const run of RUNS) {
			// The last contacts are assembled a moment after their last event was stored.
			let rows: Row[] = [];
			let scored = -1;
			await until(async () => {
				const r = await fetch(`${server.url}/api/ewt/accuracy?from=${day.fromDate}&to=${toDate}&topic=${run.topic}`, { headers: admin });
				rows = ((await r.json()) as { rows: Row[] }).rows.filter((x) => x.topic === null && x.hour === null);
				const n = rows.find((x) => x.method === 'erlangA')?.scored ?? 0;
				const settled = n > 0 && n === scored;
				scored = n;
				return settled;
			}, 1000);
			const by = (m: string) => {
				const row = rows.find((x) => x.method === m);
				if (!row) throw new Error(`no accuracy row for ${m} in ${run.topic}`);
				return row;
			};
			server_[run.label] = { centre: by('centreRule'), erlangA: by('erlangA'), headOfLine: by('headOfLine'), lastToEnter: by('lastToEnterService') };
		}
		return { harness, server: server_, wallS: (performance.now() - t0) / 1000, postS, events: events.length, steps };
	} finally {
		await server.stop();
	}
}

async function until(check: () => Promise<boolean>, everyMs = 20, timeoutMs = 120_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('timed out waiting for the server');
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

/** Both tables, the harness's and the server's, row beside row, and how far apart they are. */
export function printReplay(r: ServerReplay, hours: number, stepS: number): void {
	console.log(
		`\n== Estimated wait on the real path: ${hours} simulated hours per load after a 1-hour warm-up, sent through POST /api/ingest ` +
			`(${r.events} events in ${r.steps} steps of ${stepS} s) to a server on the event clock, scored by GET /api/ewt/accuracy; in ${r.wallS.toFixed(0)} s, ${r.postS.toFixed(0)} s of them in POST /api/ingest`
	);
	const rows: Record<string, Scored> = {};
	for (const label of Object.keys(r.server)) {
		rows[`${label}: harness`] = r.harness[label]!;
		rows[`${label}: server`] = r.server[label]!;
	}
	console.table(scenarioTable(rows));
	const gap = (a: number, b: number) => `${((100 * (b - a)) / a).toFixed(1)}%`;
	console.table(
		Object.fromEntries(
			Object.keys(r.server).map((label) => {
				const h = r.harness[label]!;
				const s = r.server[label]!;
				return [
					label,
					{
						'A MSE server vs harness': gap(h.erlangA.mse, s.erlangA.mse),
						'centre MSE': gap(h.centre.mse, s.centre.mse),
						'centre/A ratio': gap(h.centre.mse / h.erlangA.mse, s.centre.mse / s.erlangA.mse),
						'A ±30s': gap(h.erlangA.within30s, s.erlangA.within30s),
						'scored callers': gap(h.erlangA.scored, s.erlangA.scored)
					}
				];
			})
		)
	);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const hours = Number(process.env.BENCH_EWT_SERVER_HOURS ?? 24);
	const stepS = Number(process.env.BENCH_EWT_STEP_S ?? 900);
	printReplay(await replayThroughServer(hours, stepS), hours, stepS);
}
