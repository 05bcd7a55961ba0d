/**
 * Written channels in their own unit against their own deadline, on the real path: contacts
 * posted to /api/ingest of the built server, read back from /api/stats. An e-inquiry's wait is
 * days long; against a call's 60 s service-level target it read "0 % ▼ Žemiau tikslo".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let ingestToken: string;

beforeAll(async () => {
	server = await startServer();
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role: 'ingest', name: 'backfill', streams: ['webhook'] })
	});
	ingestToken = ((await res.json()) as { token: string }).token;
}, 90_000);
afterAll(async () => server?.stop());

const H = 3_600_000;
/** A finished contact as a backfill sends it; times in Vilnius (+02:00 in November). */
function contact(id: string, channel: string, queued: string, waitMs: number) {
	const q = Date.parse(queued);
	return JSON.stringify({
		type: 'contact',
		contact_id: `units-${id}`,
		channel,
		topic: 'pensions',
		site: 'siauliai',
		agent: 'ona',
		queued_at: q,
		answered_at: q + waitMs,
		ended_at: q + waitMs + 300_000,
		outcome: 'answered',
		wait_ms: waitMs,
		talk_ms: 300_000,
		hold_ms: 0,
		wrap_ms: 60_000
	});
}

type Stats = {
	total: Record<string, number | null>;
	written: { channel: string; unit: string; deadlineWorkingDays: number; total: { total: number; onTimeShare: number | null; meanToAnswer: number | null } } | null;
};
const stats = async (query: string): Promise<Stats> =>
	(await (await fetch(`${server.url}/api/stats?${query}`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json()) as Stats;

describe('written channels on /api/stats', () => {
	it('e-inquiries in working days against their 20-working-day deadline, callbacks in hours; never a call’s seconds target', async () => {
		const body = [
			// Monday 2 November 2026 09:00, answered Thursday 10:00: 3 working days (75 hours).
			contact('e1', 'einquiry', '2026-11-02T09:00:00+02:00', 73 * H),
			// The same Monday, answered at 15:00: the same day, 0 working days.
			contact('e2', 'einquiry', '2026-11-02T09:00:00+02:00', 6 * H),
			// A callback requested Monday 09:00 and made at 14:00: 5 hours.
			contact('c1', 'callback', '2026-11-02T09:00:00+02:00', 5 * H),
			// A call, for contrast: its service level stays a seconds target's.
			contact('v1', 'voice', '2026-11-02T09:00:00+02:00', 20_000)
		].join('\n');
		const res = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${ingestToken}` }, body });
		expect(await res.json()).toMatchObject({ accepted: 4, rejected: 0 });

		const week = 'from=2026-11-02&to=2026-11-06';
		const e = await stats(`${week}&channel=einquiry`);
		expect(e.total.offered).toBe(2);
		expect(e.total.service_level).toBeNull();
		expect(e.written).toMatchObject({ channel: 'einquiry', unit: 'working_days', deadlineWorkingDays: 20, total: { total: 2, onTimeShare: 1, meanToAnswer: 1.5 } });

		const c = await stats(`${week}&channel=callback`);
		expect(c.total.service_level).toBeNull();
		expect(c.written).toMatchObject({ channel: 'callback', unit: 'hours', deadlineWorkingDays: 1, total: { total: 1, onTimeShare: 1, meanToAnswer: 5 } });

		const v = await stats(week);
		expect(v.total.service_level).toBe(1);
		expect(v.written).toBeNull();
	});
});

describe('partial periods on /api/trends', () => {
	it('the current year and month are marked "to date"; the intraday day carries its opening hours', async () => {
		const get = async (q: string) => (await (await fetch(`${server.url}/api/trends?${q}`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json()) as Record<string, unknown>;
		// The contacts above are from November 2026: the history starts then, and the year is not over.
		const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Vilnius' }).format(Date.now());
		const yearly = (await get('kind=yearly')).yearly as { year: number; offered: number; partial?: { from: string | null; to: string | null } }[];
		const y2026 = yearly.find((y) => y.year === 2026)!;
		expect(y2026.offered).toBe(1);
		expect(y2026.partial).toEqual({ from: '2026-11-02', to: today < '2026-12-31' ? today : null });
		const monthly = (await get('kind=monthly')).monthly as { month: string; partial?: unknown }[];
		expect(monthly.filter((m) => m.partial).map((m) => m.month)).toEqual(today.endsWith(lastDay(today)) ? [] : [today.slice(0, 7)]);
		// Monday 2 November 2026: the default configuration opens 08:00–17:00 on weekdays.
		const intraday = (await get('kind=intraday&date=2026-11-02')).intraday as { hours: unknown };
		expect(intraday.hours).toEqual({ open: '08:00', close: '17:00' });
	});
});

function lastDay(date: string): string {
	const [y, m] = date.split('-').map(Number) as [number, number];
	return String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0');
}
