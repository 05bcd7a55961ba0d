/**
 * The estimated wait, wired: call and consultant events go through the real ingest path into
 * a real ClickHouse (chDB); the EWT service rebuilds its queues from them, answers from memory,
 * stores every estimator for each arriving caller, and the accuracy query scores them against
 * what then happened, with the same definitions as accuracy.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath } from '../helpers/ingest.ts';
import { EwtService } from '../../src/lib/server/ewt/ewtService.ts';
import { ewtAccuracy } from '../../src/lib/server/ewt/accuracyQuery.ts';
import { accuracy } from '../../src/lib/server/ewt/accuracy.ts';
import { speakWait } from '../../src/lib/server/ewt/speech.ts';

let db: Embedded;
let n = 0;
const now = Date.now();
const HANDLE_S = 300; // talk 240 + hold 30 + wrap-up 30, every history call
const HISTORY_CALLS = 20;

async function ingest(events: object[]): Promise<void> {
	const path = join(db.dir, `events-${++n}.ndjson`);
	writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
	const result = await ingestPath(db.store.client, db.config, path, 'ndjson', `ewt-${n}`);
	expect(result.rejected).toBe(0);
}

type Stored = { contact_id: string; method: string; estimate_s: number | null; ahead: number; agents_serving: number; announced: number; basis: string };
async function stored(): Promise<Stored[]> {
	const rs = await db.store.client.query({
		query: 'SELECT contact_id, method, estimate_s, ahead, agents_serving, announced, basis FROM ewt_estimates FINAL ORDER BY contact_id, method',
		format: 'JSONEachRow'
	});
	return rs.json<Stored>();
}

beforeAll(async () => {
	db = await openEmbedded();
	// Three consultants serve pensions; their topics are named only at login, as PBXs do.
	const agents = ['ona', 'jonas', 'rasa'];
	const history: object[] = agents.flatMap((agent) => [
		{ type: 'agent.state', ts: now - 50 * 60_000, agent, site: 'siauliai', state: 'logged_in', topics: ['pensions'] },
		{ type: 'agent.state', ts: now - 49 * 60_000, agent, state: 'on_call' }
	]);
	// 20 calls from 20 to 10 minutes ago, every 30 s, each waiting 60 s and handled in 300 s.
	for (let i = 0; i < HISTORY_CALLS; i++) {
		const q = now - 20 * 60_000 + i * 30_000;
		const id = `h${i}`;
		history.push(
			{ type: 'call.queued', ts: q, call_id: id, topic: 'pensions', channel: 'voice' },
			{ type: 'call.answered', ts: q + 60_000, call_id: id, agent: agents[i % 3], site: 'siauliai' },
			{ type: 'call.ended', ts: q + 60_000 + 270_000, call_id: id, talk_ms: 240_000, hold_ms: 30_000 },
			{ type: 'call.wrapup_ended', ts: q + 60_000 + 300_000, call_id: id, wrap_ms: 30_000 }
		);
	}
	await ingest(history);
}, 60_000);
afterAll(async () => db?.close());

describe('the EWT service on a real engine', () => {
	let ewt: EwtService;

	it('rebuilds the queues from the last hour without storing estimates for it', async () => {
		ewt = new EwtService(db.store.client, db.config);
		expect(ewt.ready).toBe(false);
		await ewt.refresh(now);
		expect(ewt.ready).toBe(true);
		expect(await stored()).toEqual([]);
		const answer = ewt.estimate('pensions', 'voice', now);
		// Nobody waits, nobody is free: one completion away. Consultants counted from their login topics.
		expect(answer).toMatchObject({ topic: 'pensions', channel: 'voice', position: 1, method: 'erlangA', agentsServing: 3, agentsIdle: 0 });
		expect(answer.estimates.centreRule).toBe(0);
	});

	it('stores every estimator for each caller who joins, and answers the IVR from memory', async () => {
		const arrivals = [5, 4, 3].map((s, i) => ({ id: `n${i}`, at: now - s * 1000 }));
		await ingest(
			arrivals.flatMap((a) => [
				{ type: 'call.queued', ts: a.at, call_id: a.id, topic: 'pensions', channel: 'voice' },
				{ type: 'call.wait_announced', ts: a.at, call_id: a.id, estimate_s: 120, method: 'callers-ahead-x-aht' }
			])
		);
		await ewt.refresh(now);
		const rows = await stored();
		expect(rows).toHaveLength(3 * 4);
		for (const [i, a] of arrivals.entries()) {
			const mine = rows.filter((r) => r.contact_id === `${a.id}#${a.at}`);
			expect(mine.map((r) => r.method).sort()).toEqual(['centreRule', 'erlangA', 'headOfLine', 'lastToEnterService']);
			expect(mine.every((r) => r.ahead === i && r.agents_serving === 3)).toBe(true);
			expect(mine.filter((r) => r.announced === 1).map((r) => r.method)).toEqual(['erlangA']);
			// The centre's rule: callers ahead × AHT of the last hour ÷ consultants serving.
			expect(mine.find((r) => r.method === 'centreRule')!.estimate_s).toBeCloseTo((i * HANDLE_S) / 3, 3);
		}
		const answer = ewt.estimate('pensions', 'voice', now);
		expect(answer.position).toBe(4);
		expect(answer.basis).toBe('erlangA');
		expect(answer.seconds).toBeGreaterThan(0);
		expect(answer.phrase).toEqual({ lt: speakWait(answer.seconds!, 'lt'), en: speakWait(answer.seconds!, 'en') });
		expect(answer.estimates.centreRule).toBe(Math.round((3 * HANDLE_S) / 3));
		expect(answer.estimates.headOfLine).toBe(5);
	});

	it('scores the stored estimates against what happened, with the definitions of accuracy.ts', async () => {
		// n0 answered after 70 s, n1 after 200 s, n2 hung up after 30 s. Their queue entries come
		// again with the outcomes (one source sees each call whole); the service must not take
		// them for new callers.
		const q = (s: number) => now - s * 1000;
		await ingest([
			...[5, 4, 3].flatMap((s, i) => [
				{ type: 'call.queued', ts: q(s), call_id: `n${i}`, topic: 'pensions', channel: 'voice' },
				{ type: 'call.wait_announced', ts: q(s), call_id: `n${i}`, estimate_s: 120, method: 'callers-ahead-x-aht' }
			]),
			{ type: 'call.answered', ts: q(5) + 70_000, call_id: 'n0', agent: 'ona', site: 'siauliai', wait_ms: 70_000 },
			{ type: 'call.ended', ts: q(5) + 170_000, call_id: 'n0', talk_ms: 100_000 },
			{ type: 'call.wrapup_ended', ts: q(5) + 180_000, call_id: 'n0', wrap_ms: 10_000 },
			{ type: 'call.answered', ts: q(4) + 200_000, call_id: 'n1', agent: 'jonas', site: 'siauliai', wait_ms: 200_000 },
			{ type: 'call.ended', ts: q(4) + 300_000, call_id: 'n1', talk_ms: 100_000 },
			{ type: 'call.wrapup_ended', ts: q(4) + 310_000, call_id: 'n1', wrap_ms: 10_000 },
			{ type: 'call.abandoned', ts: q(3) + 30_000, call_id: 'n2', wait_ms: 30_000 }
		]);
		const window = { fromMs: now - 3600_000, toMs: now + 3600_000 };
		const rows = await ewtAccuracy(db.store.client, window, { topic: null, channel: 'voice' }, db.config.timeZone);
		// The channel scope of every figure applies: these callers phoned, so chat has none of them.
		const chat = await ewtAccuracy(db.store.client, window, { topic: null, channel: 'chat' }, db.config.timeZone);
		expect(chat.reduce((n, r) => n + r.scored, 0)).toBe(0);
		expect(rows.reduce((n, r) => n + r.scored, 0)).toBeGreaterThan(0);
		const actual: Record<string, { s: number; answered: boolean }> = {
			n0: { s: 70, answered: true },
			n1: { s: 200, answered: true },
			n2: { s: 30, answered: false }
		};
		await ewt.refresh(now + 1);
		const estimates = await stored();
		expect(estimates).toHaveLength(3 * 4);
		for (const method of ['centreRule', 'erlangA', 'headOfLine', 'lastToEnterService']) {
			const expected = accuracy(
				estimates
					.filter((e) => e.method === method)
					.map((e) => {
						const a = actual[e.contact_id.split('#')[0]!]!;
						return { estimateS: e.estimate_s, actualS: a.s, answered: a.answered };
					})
			);
			const all = rows.find((r) => r.method === method && r.topic === null && r.hour === null)!;
			expect(expected.scored + expected.abandoned + expected.unestimated).toBe(3);
			expect(all).toMatchObject({ n: expected.scored, abandoned: expected.abandoned, unestimated: expected.unestimated });
			for (const key of ['rmseS', 'biasS', 'maeS', 'within30s', 'within20pct', 'relativeSquaredError'] as const)
				// Estimates are Float32: read back as JSON they are rounded to their shortest form.
				expect(all[key], `${method} ${key}`).toBeCloseTo(expected[key], 3);
			expect(rows.some((r) => r.method === method && r.topic === 'pensions' && r.hour !== null)).toBe(true);
		}
		// What callers were actually told (120 s each): also scored, from the contacts.
		const told = rows.find((r) => r.method === 'announced' && r.topic === null)!;
		expect(told.n).toBe(2);
		expect(told.biasS).toBeCloseTo((120 - 70 + (120 - 200)) / 2, 6);
		expect(told.abandonedBeforeEstimate).toBe(1);
	});

	it('gives a staffing what-if from the topic’s recent traffic', async () => {
		await ewt.refresh(now + 1000);
		const pensions = ewt.staffing(now + 1000).find((t) => t.topic === 'pensions')!;
		expect(pensions.agentsServing).toBe(3);
		// The earlier calls and n0, n1 (talk 100 s + wrap-up 10 s).
		expect(pensions.ahtS).toBeCloseTo((HISTORY_CALLS * HANDLE_S + 2 * 110) / (HISTORY_CALLS + 2), 6);
		expect(pensions.erlangC?.needed).toBeGreaterThanOrEqual(1);
		const idle = ewt.staffing(now + 1000).find((t) => t.topic === 'contributions')!;
		expect(idle.note).toBe('no-traffic');
	});
});
