/**
 * Planned breaks in the projection of the rest of the day, on the real path (issue #19): a
 * server fed four weeks of simulated history and a morning, then three consultants' states, all
 * through POST /api/ingest; GET /api/forecast must take the breaks the not-ready reasons say are
 * coming off the staff, per quarter hour, and warn where the lunches leave too few.
 *
 * The scene (tests/helpers/breakScene.ts): the projection's "now" is the server's event clock
 * (EWT_CLOCK=events: the latest call event it has read), 12:10 on the next working day. Of the
 * three consultants serving pensions: Ona has been on lunch since 11:50 (45 minutes: back at
 * 12:35), Jonas has not had lunch (45 minutes due between 12:10 and 14:30, spread evenly: 45/140
 * of a consultant every quarter hour), Rasa had hers 11:00–11:45.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/lib/server/config/index.ts';
import { restInterval } from '../../src/lib/server/forecast/rest.ts';
import { sendBreakScene, type BreakScene } from '../helpers/breakScene.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const config = loadConfig({});
let server: TestServer;
let ingestToken = '';

type Interval = { time: string; expected: number; serviceLevel: number | null; needed: number | null; agents: number; onBreak: number; onLunch: number };
type Rest = { topic: string; agentsServing: number; ahtS: number; patienceS: number | null; targetS: number; goal: number; intervals: Interval[]; warnings: { from: string; to: string; agents: number; needed: number; kind: string; text: { lt: string; en: string } }[] };
type View = { date: string; slot: number; rest: Rest[] };

let day: BreakScene;
const JONAS_PER_QUARTER = 45 / 140;

beforeAll(async () => {
	server = await startServer({ EWT_CLOCK: 'events', EWT_REFRESH_MS: '250' });
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role: 'ingest' })
	});
	ingestToken = ((await res.json()) as { token: string }).token;
	day = await sendBreakScene(server.url, ingestToken, config);
}, 300_000);
afterAll(async () => server?.stop());

async function pensions(): Promise<Rest> {
	let view: View | null = null;
	await expect
		.poll(
			async () => {
				const r = await fetch(`${server.url}/api/forecast`, { headers: { authorization: `Bearer ${server.adminToken}` } });
				view = r.status === 200 ? ((await r.json()) as View) : null;
				return view && view.date === day.date && view.rest.find((x) => x.topic === 'pensions')!.agentsServing === 3 ? view.slot : null;
			},
			{ timeout: 120_000, interval: 1000 }
		)
		.toBe(48);
	return view!.rest.find((r) => r.topic === 'pensions')!;
}

describe('GET /api/forecast with planned breaks', () => {
	it('takes the consultants on planned breaks off each quarter hour, and the service level falls there', async () => {
		const rest = await pensions();
		const at = (time: string) => rest.intervals.find((i) => i.time === time)!;
		// 12:00–12:15: Ona away all of it, Jonas a third (from 12:10).
		expect(at('12:00').onBreak).toBeCloseTo(1 + JONAS_PER_QUARTER / 3, 2);
		expect(at('12:15').onBreak).toBeCloseTo(1 + JONAS_PER_QUARTER, 2);
		// Ona is back at 12:35.
		expect(at('12:30').onBreak).toBeCloseTo(1 / 3 + JONAS_PER_QUARTER, 2);
		expect(at('12:45').onBreak).toBeCloseTo(JONAS_PER_QUARTER, 2);
		expect(at('12:15').onLunch).toBeCloseTo(at('12:15').onBreak, 5);
		expect(at('12:15').agents).toBeCloseTo(3 - 1 - JONAS_PER_QUARTER, 2);
		// Rasa's lunch is over and nobody owes a lunch after 14:30; the afternoon break is all three's.
		expect(at('14:30').onLunch).toBe(0);
		expect(at('14:45').onBreak).toBeCloseTo((3 * 10) / 75, 2);
		// The quarter hour's figures are Erlang with the staff left, below those with everyone.
		const i = at('12:15');
		const input = { ahtS: rest.ahtS, patienceS: rest.patienceS ?? Infinity, targetS: rest.targetS, goal: rest.goal };
		expect(i.expected).toBeGreaterThan(0.5);
		expect(i.serviceLevel).toBeCloseTo(restInterval(49, i.expected, { ...input, agents: i.agents }).serviceLevel!, 6);
		expect(i.serviceLevel!).toBeLessThan(restInterval(49, i.expected, { ...input, agents: 3 }).serviceLevel!);
	}, 180_000);

	it('warns where the lunches leave fewer consultants than the quarter hour needs', async () => {
		const rest = await pensions();
		const i = rest.intervals.find((x) => x.time === '12:15')!;
		// Precondition of the scene: a tenth of our volume needs at least two consultants at midday.
		expect(i.needed!).toBeGreaterThanOrEqual(2);
		const w = rest.warnings.find((x) => x.from <= '12:15' && x.to > '12:15');
		expect(w, JSON.stringify(rest.warnings)).toBeDefined();
		expect(w!.kind).toBe('lunch');
		expect(w!.text.lt).toMatch(/^\d\d:\d\d–\d\d:\d\d: pietų pertraukos palieka \d+ konsultant(ą|us|ų), reikia \d+$/);
		expect(w!.text.en).toMatch(/^\d\d:\d\d–\d\d:\d\d: lunch breaks leave \d+ consultants?, \d+ needed$/);
		expect(w!.agents).toBeLessThan(w!.needed);
		// Every warning is a stretch of quarter hours with a break and too few left.
		for (const x of rest.warnings) {
			const inside = rest.intervals.filter((q) => q.time >= x.from && q.time < x.to);
			expect(inside.length).toBeGreaterThan(0);
			for (const q of inside) expect(Math.floor(q.agents + 1e-9) < q.needed! && q.onBreak > 0).toBe(true);
		}
	}, 180_000);

	it('raises a staffing_gap_ahead alert where the lunches within the next hour leave too few', async () => {
		const rest = await pensions();
		const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
		const put = await fetch(`${server.url}/api/admin/alerts`, {
			method: 'PUT',
			headers: admin,
			body: JSON.stringify({ rules: [{ id: 'lunch-gap', figure: 'staffing_gap_ahead', scope: 'pensions', on: 1, off: 0, lookAheadMinutes: 60, webhook: null, sound: false }] })
		});
		expect(put.status).toBe(200);
		// The worst shortfall in the quarter hours from 12:00 to 12:45, as the panel counts it.
		const gap = Math.max(...rest.intervals.filter((i) => i.time < '13:00' && i.onBreak >= 0.05).map((i) => i.needed! - Math.floor(i.agents + 1e-9)));
		expect(gap).toBeGreaterThanOrEqual(1);
		type Active = { ruleId: string; figure: string; scope: string; value: number };
		let active: Active[] = [];
		await expect
			.poll(
				async () => {
					active = ((await (await fetch(`${server.url}/api/admin/alerts`, { headers: admin })).json()) as { active: Active[] }).active;
					return active.length;
				},
				// The alerts read the forecast the server makes every minute (parts/forecast.ts).
				{ timeout: 120_000, interval: 1000 }
			)
			.toBe(1);
		expect(active[0]).toMatchObject({ ruleId: 'lunch-gap', figure: 'staffing_gap_ahead', scope: 'pensions', value: gap });
	}, 180_000);
});
