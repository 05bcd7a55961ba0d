/**
 * "Now" per topic and channel on the real server fed through /api/ingest: chat waiting beside
 * voice, the waits of the last callers answered (newest first), open callbacks, e-inquiries and
 * e-mails against their deadlines with the oldest's age in working days; in every view's frame
 * (the centre's queues are every site's), wallboards' included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, ADMIN_TOKEN, type TestServer } from '../helpers/server.ts';
import { earlierToday } from '../helpers/today.ts';
import { WorkingCalendar } from '../../src/lib/server/calendar/workingDays.ts';
import { defaultConfig } from '../../src/lib/server/config/defaults.ts';
import { startOfLocalDay } from '../../src/lib/server/stats/periodRange.ts';
import type { LiveMessage, LiveState } from '../../src/lib/live/protocol.ts';

let server: TestServer;
let wallboard = '';
const MIN = 60_000;
const calendar = new WorkingCalendar(defaultConfig);
const today = calendar.localDate(Date.now());

/** The working day `n` working days before today (today itself when it is one and n is 0). */
function workingDaysAgo(n: number): string {
	let d = today;
	let left = n;
	while (left > 0 || !calendar.isWorkingDay(d)) {
		const prev = new Date(`${d}T12:00:00Z`);
		prev.setUTCDate(prev.getUTCDate() - 1);
		d = prev.toISOString().slice(0, 10);
		if (calendar.isWorkingDay(d)) left--;
	}
	return d;
}
const noonOf = (day: string) => startOfLocalDay(day, 'Europe/Vilnius') + 12 * 3600_000;

beforeAll(async () => {
	server = await startServer();
	const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
	const token = async (role: string) => ((await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role }) })).json()) as { token: string }).token;
	wallboard = await token('wallboard');
	const ingestToken = await token('ingest');
	const t = earlierToday(20 * MIN);
	const now = Date.now();
	const events = [
		// voice pensions: answered after 30, 90 and 45 s (in that order), one still waiting
		...[30, 90, 45].flatMap((w, i) => [
			{ type: 'call.queued', ts: t + i * MIN, call_id: `v-${i}`, topic: 'pensions' },
			{ type: 'call.answered', ts: t + i * MIN + w * 1000, call_id: `v-${i}`, agent: 'ona' }
		]),
		{ type: 'call.queued', ts: now - 40_000, call_id: 'v-w', topic: 'pensions' },
		{ type: 'call.wait_announced', ts: now - 39_000, call_id: 'v-w', estimate_s: 50, method: 'erlangA' },
		// chat benefits: two waiting, the older for 3 min
		{ type: 'call.queued', ts: now - 3 * MIN, call_id: 'ch-1', topic: 'benefits', channel: 'chat' },
		{ type: 'call.queued', ts: now - MIN, call_id: 'ch-2', topic: 'benefits', channel: 'chat' },
		// a callback asked two working days ago (overdue), e-mail 18 working days old (deadline near),
		// an e-inquiry 25 working days old (overdue) and one from today
		{ type: 'call.callback_requested', ts: noonOf(workingDaysAgo(2)), call_id: 'cb-1', topic: 'other' },
		{ type: 'call.queued', ts: noonOf(workingDaysAgo(18)), call_id: 'em-1', topic: 'other', channel: 'email' },
		{ type: 'call.queued', ts: noonOf(workingDaysAgo(25)), call_id: 'ei-1', topic: 'other', channel: 'einquiry' },
		{ type: 'call.queued', ts: Math.min(now - MIN, t), call_id: 'ei-2', topic: 'other', channel: 'einquiry' }
	];
	const res = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${ingestToken}` }, body: events.map((e) => JSON.stringify(e)).join('\n') });
	expect(await res.json()).toMatchObject({ accepted: events.length, rejected: 0 });
}, 90_000);
afterAll(async () => server?.stop());

function frame(query: string, pred: (s: LiveState) => boolean): Promise<LiveState> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${server.url.replace('http', 'ws')}/live?${query}`);
		const timer = setTimeout(() => (ws.close(), reject(new Error('no matching frame in 5 s'))), 5_000);
		ws.on('message', (data) => {
			const m = JSON.parse(String(data)) as LiveMessage;
			if (!pred(m.state)) return;
			clearTimeout(timer);
			ws.close();
			resolve(m.state);
		});
		ws.once('error', reject);
	});
}

describe('queues now per topic and channel', () => {
	it('has chat beside voice and the last answered waits, newest first', async () => {
		const s = await frame(`token=${wallboard}`, (s) => (s.now?.queues.find((q) => q.channel === 'chat' && q.topic === 'benefits')?.waiting ?? 0) === 2);
		const voice = s.now!.queues.find((q) => q.channel === 'voice' && q.topic === 'pensions')!;
		expect(voice).toMatchObject({ waiting: 1, recentWaitsS: [45, 90, 30] });
		// The voice figures agree with the board's own queue.
		expect(voice.waiting).toBe(s.topics.find((x) => x.topic === 'pensions')!.waiting);
		const chat = s.now!.queues.find((q) => q.channel === 'chat' && q.topic === 'benefits')!;
		expect(Date.now() - chat.oldestQueuedAt!).toBeGreaterThanOrEqual(3 * MIN);
		expect(s.now!.queues.filter((q) => q.channel === 'chat').map((q) => q.topic)).toEqual(['pensions', 'benefits', 'contributions', 'other']);
	});

	it('counts open written work against its deadline, with the oldest item’s age in working days', async () => {
		const s = await frame(`token=${wallboard}`, (s) => (s.now?.written.find((w) => w.kind === 'einquiry')?.open ?? 0) === 2);
		const by = Object.fromEntries(s.now!.written.map((w) => [w.kind, w]));
		expect(by.callback).toMatchObject({ open: 1, overdue: 1, dueSoon: 0, oldestAgeWorkingDays: calendar.workingDaysBetween(workingDaysAgo(2), today) });
		expect(by.email).toMatchObject({ open: 1, overdue: 0, dueSoon: 1, oldestAgeWorkingDays: calendar.workingDaysBetween(workingDaysAgo(18), today), deadlineWorkingDays: 20 });
		expect(by.einquiry).toMatchObject({ open: 2, overdue: 1, dueSoon: 0, oldestAgeWorkingDays: calendar.workingDaysBetween(workingDaysAgo(25), today) });
		// The board's backlogs read the same open work (one query for both): callbacks and
		// e-inquiries, e-mail not among them.
		expect(s.backlogs).toMatchObject({ callbacksWaiting: 1, callbacksOverdue: 1, callbacksDueNextWorkingDay: 0 });
		expect(Object.fromEntries(s.backlogs.eInquiriesByAge.map((b) => [b.label, b.count]))).toEqual({ '0-5': 1, '6-10': 0, '11-15': 0, '16-20': 0, overdue: 1 });
	});

	it('lists the callers waiting to supervisors, oldest first, numbered per queue, with what they were told; not to a TV', async () => {
		const adminFrame = await new Promise<LiveState>((resolve, reject) => {
			const ws = new WebSocket(`${server.url.replace('http', 'ws')}/live`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
			ws.on('message', (d) => {
				const st = (JSON.parse(String(d)) as LiveMessage).state;
				if ((st.now?.callers?.length ?? 0) >= 3) (ws.close(), resolve(st));
			});
			ws.once('error', reject);
		});
		const callers = adminFrame.now!.callers!;
		// the open e-inquiries and e-mail are not callers in a queue
		expect(callers.map((c) => [c.channel, c.topic, c.position, c.from, c.announcedS])).toEqual([
			['chat', 'benefits', 1, 'chat', null],
			['chat', 'benefits', 2, 'chat', null],
			['voice', 'pensions', 1, 'ivr', 50]
		]);
		expect(JSON.stringify(callers)).not.toMatch(/v-w|ch-1/); // no call ids either
		const tv = await frame(`token=${wallboard}`, (s) => !!s.now);
		expect(tv.now!.callers).toBeUndefined();
	});

	it('gives a site’s view the same centre queues', async () => {
		const all = await frame(`token=${wallboard}`, (s) => !!s.now);
		const admin = await new Promise<LiveState>((resolve, reject) => {
			const ws = new WebSocket(`${server.url.replace('http', 'ws')}/live?site=siauliai`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
			ws.once('message', (d) => (ws.close(), resolve((JSON.parse(String(d)) as LiveMessage).state)));
			ws.once('error', reject);
		});
		expect(admin.site).toBe('siauliai');
		expect(admin.now!.queues.map((q) => [q.channel, q.topic, q.waiting])).toEqual(all.now!.queues.map((q) => [q.channel, q.topic, q.waiting]));
	});
});

describe('TVs online (the admin page)', () => {
	it('lists the wallboard screens open now with token, view and address; not to a wallboard', async () => {
		const ws = new WebSocket(`${server.url.replace('http', 'ws')}/live?token=${wallboard}`);
		await new Promise((resolve, reject) => (ws.once('message', resolve), ws.once('error', reject)));
		const res = await fetch(`${server.url}/api/admin/screens`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
		const { screens } = (await res.json()) as { screens: { who: string; role: string; view: string; address: string; since: number; lastSeen: number }[] };
		const tv = screens.filter((x) => x.role === 'wallboard');
		expect(tv).toHaveLength(1);
		expect(tv[0]).toMatchObject({ view: 'all', address: '127.0.0.1' });
		expect(tv[0]!.who).toBeTruthy();
		expect((await fetch(`${server.url}/api/admin/screens`, { headers: { authorization: `Bearer ${wallboard}` } })).status).toBe(403);
		ws.close();
	});
});
