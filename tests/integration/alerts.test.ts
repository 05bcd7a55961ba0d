/**
 * Alerts on the real server fed through /api/ingest, with a local webhook receiver: a queue
 * reaching the rule's threshold starts one alert within a tick, which stays one while the
 * queue hovers between `off` and `on`; it is acknowledged once, ends at `off`, and the log
 * has its start, acknowledgement and end. The receiver gets exactly one accepted POST per
 * transition, the first after a failed attempt (retried with the same Idempotency-Key).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type TestServer } from '../helpers/server.ts';
import type { LiveMessage, LiveState } from '../../src/lib/live/protocol.ts';

let server: TestServer;
let receiver: Server;
let receiverUrl = '';
/** Every request the receiver got: status answered, key, body. */
const received: { status: number; key: string; body: { transition: string; alert: { id: string; value: number }; text: { lt: string } } }[] = [];
let failNext = 1;
let ingestToken = '';
let wallboard = '';
const admin = { authorization: 'Bearer test-admin-token-0123456789abcdef', 'content-type': 'application/json' };

beforeAll(async () => {
	receiver = createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			const status = failNext-- > 0 ? 503 : 200;
			received.push({ status, key: String(req.headers['idempotency-key']), body: JSON.parse(body) });
			res.writeHead(status).end();
		});
	});
	await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/secret-path`;
	server = await startServer();
	const token = async (role: string) => ((await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role }) })).json()) as { token: string }).token;
	ingestToken = await token('ingest');
	wallboard = await token('wallboard');
}, 90_000);
afterAll(async () => {
	await server?.stop();
	receiver?.close();
});

const ingest = async (lines: object[]) => {
	const res = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${ingestToken}` }, body: lines.map((l) => JSON.stringify(l)).join('\n') });
	expect(res.status).toBe(200);
};

/** A socket's frames, and a wait for the first one matching. */
function watch(headers: Record<string, string>, query = '') {
	const states: LiveState[] = [];
	const ws = new WebSocket(`${server.url.replace('http', 'ws')}/live${query}`, { headers });
	ws.on('message', (d) => states.push((JSON.parse(String(d)) as LiveMessage).state));
	const until = async (pred: (s: LiveState) => boolean, ms = 5_000) => {
		const end = Date.now() + ms;
		for (;;) {
			const hit = states.findLast(pred);
			if (hit) return hit;
			if (Date.now() > end) throw new Error('no matching frame in time');
			await new Promise((r) => setTimeout(r, 50));
		}
	};
	return { ws, states, until };
}

const waitFor = async (pred: () => boolean, ms = 15_000) => {
	const end = Date.now() + ms;
	while (!pred()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 100));
	}
};

describe('alerts', () => {
	it('starts once, hovers, is acknowledged once, ends, is logged; one accepted webhook per transition', async () => {
		const put = await fetch(`${server.url}/api/admin/alerts`, {
			method: 'PUT',
			headers: admin,
			body: JSON.stringify({ rules: [{ id: 'queue', figure: 'waiting', scope: 'pensions', on: 3, off: 1, webhook: receiverUrl, sound: true }] })
		});
		expect(put.status).toBe(200);
		const screen = watch({ authorization: admin.authorization });
		const tv = watch({}, `?token=${wallboard}`);
		const t = Date.now() - 60_000;
		await ingest([1, 2, 3].map((i) => ({ type: 'call.queued', ts: t + i, call_id: `a-${i}`, topic: 'pensions' })));
		const posted = Date.now();
		const started = await screen.until((s) => (s.alerts?.length ?? 0) === 1);
		expect(Date.now() - posted).toBeLessThan(2_500); // within a tick (and the ingest's flush)
		const alert = started.alerts![0]!;
		expect(alert).toMatchObject({ ruleId: 'queue', figure: 'waiting', scope: 'pensions', value: 3, threshold: 3, acknowledgedAt: null, sound: true });
		// The TV's frame names the figure too, without who acknowledged.
		expect((await tv.until((s) => (s.alerts?.length ?? 0) === 1)).alerts![0]).toMatchObject({ id: alert.id, figure: 'waiting', scope: 'pensions' });
		// Hovering between off (1) and on (3): one caller leaves, another comes: the same alert throughout.
		await ingest([{ type: 'call.abandoned', ts: t + 10, call_id: 'a-1' }]);
		await screen.until((s) => s.topics.find((x) => x.topic === 'pensions')!.waiting === 2);
		await ingest([{ type: 'call.queued', ts: t + 20, call_id: 'a-4', topic: 'pensions' }]);
		await screen.until((s) => s.topics.find((x) => x.topic === 'pensions')!.waiting === 3);
		await new Promise((r) => setTimeout(r, 1_500));
		expect(new Set(screen.states.flatMap((s) => (s.alerts ?? []).map((a) => a.id)))).toEqual(new Set([alert.id]));
		// Acknowledged once.
		const ack = () => fetch(`${server.url}/api/alerts/ack`, { method: 'POST', headers: admin, body: JSON.stringify({ id: alert.id }) });
		expect((await ack()).status).toBe(200);
		expect((await ack()).status).toBe(409);
		expect((await screen.until((s) => s.alerts?.[0]?.acknowledgedAt != null)).alerts![0]!.acknowledgedBy).toBeTruthy();
		expect((await tv.until((s) => s.alerts?.[0]?.acknowledgedAt != null)).alerts![0]).not.toHaveProperty('acknowledgedBy');
		// Back at off (1 waiting): it ends.
		await ingest([2, 3].map((i) => ({ type: 'call.abandoned', ts: t + 30, call_id: `a-${i}` })));
		await screen.until((s) => s.topics.find((x) => x.topic === 'pensions')!.waiting === 1 && (s.alerts?.length ?? -1) === 0);
		screen.ws.close();
		tv.ws.close();
		// The webhook: start failed once (503) and was retried with the same key; one accepted POST per transition.
		await waitFor(() => received.filter((r) => r.status === 200).length >= 3);
		await new Promise((r) => setTimeout(r, 2_000)); // nothing more arrives
		const accepted = received.filter((r) => r.status === 200);
		expect(accepted.map((r) => r.body.transition)).toEqual(['start', 'ack', 'end']);
		expect(accepted.map((r) => r.key)).toEqual([`${alert.id}:start`, `${alert.id}:ack`, `${alert.id}:end`]);
		expect(received[0]).toMatchObject({ status: 503, key: `${alert.id}:start` });
		expect(received).toHaveLength(4);
		expect(accepted[0]!.body.text.lt).toBe('Perspėjimas: Pensijos — laukia eilėje 3 (riba 3)');
		// The log.
		const log = (await (await fetch(`${server.url}/api/alerts/log`, { headers: admin })).json()) as { alerts: { id: string; startedAt: number; acknowledgedAt: number | null; endedAt: number | null }[] };
		expect(log.alerts).toHaveLength(1);
		expect(log.alerts[0]).toMatchObject({ id: alert.id, startedAt: alert.startedAt });
		expect(log.alerts[0]!.acknowledgedAt).toBeGreaterThanOrEqual(alert.startedAt);
		expect(log.alerts[0]!.endedAt).toBeGreaterThanOrEqual(log.alerts[0]!.acknowledgedAt!);
		// The webhook's secret path is never in the server's log.
		expect(server.logs()).not.toContain('secret-path');
	}, 60_000);

	it('refuses rules that could never end, and a wallboard acknowledging', async () => {
		const bad = await fetch(`${server.url}/api/admin/alerts`, { method: 'PUT', headers: admin, body: JSON.stringify({ rules: [{ id: 'x', figure: 'waiting', scope: 'each', on: 3, off: 5 }] }) });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toMatch(/never end/);
		// Nor at 'on' itself: it would end on the tick after it started, and start again.
		const flapping = await fetch(`${server.url}/api/admin/alerts`, { method: 'PUT', headers: admin, body: JSON.stringify({ rules: [{ id: 'x', figure: 'waiting', scope: 'each', on: 3, off: 3 }] }) });
		expect(flapping.status).toBe(400);
		const tvAck = await fetch(`${server.url}/api/alerts/ack`, { method: 'POST', headers: { authorization: `Bearer ${wallboard}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'x' }) });
		expect(tvAck.status).toBe(403);
	});
});
