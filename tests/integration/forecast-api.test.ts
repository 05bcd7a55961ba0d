/**
 * GET /api/forecast and /api/forecast/tv on the real server, fed nine weeks of simulated
 * history through POST /api/ingest as a connector would: who may ask, and a forecast of the
 * next working days near what the same weekdays brought (the simulator's volume is steady over
 * nine weeks), with the fund's payment days shown with their effect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TZDate } from '@date-fns/tz';
import { sendSimulatedHistory } from '../helpers/simulatedHistory.ts';
import { loadConfig } from '../../src/lib/server/config/index.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const config = loadConfig({});
let server: TestServer;
const tokens: Record<string, string> = {};
let voiceByDate = new Map<string, number>();

async function token(role: string): Promise<string> {
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role })
	});
	return ((await res.json()) as { token: string }).token;
}
const get = (path: string, who?: string) => fetch(`${server.url}${path}`, { headers: who ? { authorization: `Bearer ${tokens[who] ?? who}` } : {} });
const localDate = (t: number) => new TZDate(t, config.timeZone).toISOString().slice(0, 10);

beforeAll(async () => {
	server = await startServer();
	for (const role of ['ingest', 'wallboard']) tokens[role] = await token(role);
	voiceByDate = await sendSimulatedHistory(server.url, tokens.ingest!, config, 63);
}, 180_000);
afterAll(async () => server?.stop());

type View = {
	date: string;
	series: { topic: string; channel: string; dayAhead: number }[];
	rest: { topic: string; line: { lt: string; en: string } | null }[];
	upcoming: { date: string; calls: number; change: number; events: { id: string; effect: number; learnt: boolean }[] }[];
};

describe('GET /api/forecast', () => {
	it('is for supervisors and admins; TVs get only the one line per topic', async () => {
		expect((await get('/api/forecast')).status).toBe(401);
		expect((await get('/api/forecast', 'wallboard')).status).toBe(403);
		expect((await get('/api/forecast', 'ingest')).status).toBe(403);
		const tv = await get('/api/forecast/tv', 'wallboard');
		expect(tv.status).toBe(200);
		const body = (await tv.json()) as { topics: { topic: string; line: { lt: string; en: string } | null }[] };
		expect(body.topics.map((t) => t.topic).sort()).toEqual(config.topics.map((t) => t.id).sort());
		for (const t of body.topics) if (t.line) expect(t.line.lt).toMatch(/^iki \d\d:\d\d: \d+ % iš \d+ %$/);
	});

	it('forecasts the next working days near what the same weekdays brought, payment days above them', async () => {
		await expect.poll(async () => (await get('/api/forecast', server.adminToken)).status, { timeout: 20_000 }).toBe(200);
		const view = (await (await get('/api/forecast', server.adminToken)).json()) as View;
		expect(view.upcoming).toHaveLength(5);
		for (const u of view.upcoming) {
			const weekday = new Date(`${u.date}T12:00:00Z`).getUTCDay();
			const same = [...voiceByDate].filter(([d]) => new Date(`${d}T12:00:00Z`).getUTCDay() === weekday && d > localDate(Date.now() - 43 * 86_400_000)).map(([, n]) => n);
			const mean = same.reduce((a, b) => a + b, 0) / same.length;
			if (u.events.length === 0) {
				expect(u.calls / mean, u.date).toBeGreaterThan(0.75);
				expect(u.calls / mean, u.date).toBeLessThan(1.3);
			} else {
				expect(u.change, u.date).toBeGreaterThan(0);
			}
		}
		// Every topic has a voice series for today when today is a working day.
		if (view.series.length) expect(new Set(view.series.filter((s) => s.channel === 'voice').map((s) => s.topic))).toEqual(new Set(config.topics.map((t) => t.id)));
	});
});
