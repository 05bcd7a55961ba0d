/**
 * The live hub's scheduling and fan-out on real chDB and real sockets, without its 1-second
 * timer (a minute here): what new data does to ticks, and what a tick costs per view. Counts and
 * orders only; speed is bench/liveView.ts's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { LiveHub } from '../../src/lib/server/live/hub.ts';
import { TABLES } from '../../src/lib/server/live/parts.ts';
import { newWriter } from '../helpers/ingest.ts';
import { SourcePipeline } from '../../ingest/pipeline.ts';
import { decodeState, type LiveMessage, type WireMessage } from '../../src/lib/live/protocol.ts';

let db: Embedded;
let hub: LiveHub;
/** A started hub with a 3-second interval: what new data does to the interval's ticks. */
let timed: LiveHub;
let wss: WebSocketServer;
let url: string;

beforeAll(async () => {
	db = await openEmbedded();
	// Never started: no interval ticks, so every tick here is one the test caused.
	hub = new LiveHub(db.store.client, db.config, 60_000);
	timed = new LiveHub(db.store.client, db.config, 3_000);
	wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await new Promise((r) => wss.once('listening', r));
	url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
	wss.on('connection', (ws, req) => {
		const q = new URL(req.url ?? '/', 'http://x').searchParams;
		void (q.get('hub') === 'timed' ? timed : hub).subscribe(ws, q.get('view') ?? 'all', null, q.get('names') === '1');
	});
}, 60_000);
afterAll(async () => {
	await hub?.stop();
	await timed?.stop();
	await new Promise((r) => wss?.close(r));
	await db?.close();
});

type Screen = { ws: WebSocket; messages: (LiveMessage & { binary: boolean })[] };

/** A screen of a view, once its snapshot arrived. */
function screen(view = 'all', names = false, which = 'hub'): Promise<Screen> {
	return new Promise((resolve, reject) => {
		const s: Screen = { ws: new WebSocket(`${url}/?view=${view}&names=${names ? 1 : 0}&hub=${which}`), messages: [] };
		s.ws.on('message', (data, binary) => {
			const m = JSON.parse(String(data)) as WireMessage;
			s.messages.push({ ...m, state: decodeState(m.state), binary });
			if (s.messages.length === 1) resolve(s);
		});
		s.ws.once('error', reject);
	});
}

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
	for (const end = Date.now() + ms; !cond() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
}

describe('the live hub', () => {
	it('follows a tick during which new data landed with one more tick at once, however many nudges came', async () => {
		const s = await screen();
		const before = hub.ticks;
		const running = hub.tick();
		// Data lands while the tick reads: its queries may have run before it.
		for (let i = 0; i < 10; i++) hub.nudge();
		await running;
		expect(hub.ticks).toBe(before + 1);
		// The next tick comes right after, not at the next interval (a minute here).
		await until(() => hub.ticks === before + 2);
		expect(hub.ticks).toBe(before + 2);
		await until(() => s.messages.some((m) => m.seq === hub.ticks), 5_000);
		expect(s.messages.at(-1)!.type).toBe('update');
		// Ten nudges made that one tick, and nothing more follows.
		await new Promise((r) => setTimeout(r, 500));
		expect(hub.ticks).toBe(before + 2);
		s.ws.close();
	}, 30_000);

	it('puts the interval tick off after every tick: data arriving more often than the interval makes no extra ticks', async () => {
		const s = await screen('all', false, 'timed');
		timed.start();
		const before = timed.ticks;
		// New data every 1.5 s for 6 s, with the interval at 3 s: four ticks, one per nudge. A fixed
		// interval would add its own at 3 and 6 s.
		for (let i = 0; i < 4; i++) {
			timed.nudge();
			await new Promise((r) => setTimeout(r, 1_500));
		}
		await until(() => timed.ticks === before + 4);
		await new Promise((r) => setTimeout(r, 200));
		expect(timed.ticks).toBe(before + 4);
		// With no new data, the interval ticks on.
		await until(() => timed.ticks === before + 5, 6_000);
		expect(timed.ticks).toBe(before + 5);
		s.ws.close();
		await timed.stop();
	}, 30_000);

	it('reads again, on a tick new data asks for, only the parts that read the tables it landed in', async () => {
		// This hub has no EWT service: who is waiting (three queries) is read on every tick.
		const UNFED = 3;
		const queries = async () => {
			const before = hub.queries;
			await hub.tick();
			return hub.queries - before;
		};
		await hub.tick();
		expect(await queries()).toBe(UNFED);
		hub.written(['agent_events']);
		// The consultants (one by one, and counted by state from the same rows).
		expect(await queries()).toBe(UNFED + 1);
		hub.written(['contacts']);
		// Today's figures, the rolling windows, the consultants (today's calls), open written work
		// (a finished contact closes its item).
		expect(await queries()).toBe(UNFED + 4);
		// Callers joining and leaving queues (who is waiting is the queue feed's, or read above): nothing more.
		hub.written(['call_events']);
		expect(await queries()).toBe(UNFED);
		// A call answered or ended: the consultants (the call served).
		hub.written(['call_events', 'call_events:served']);
		expect(await queries()).toBe(UNFED + 1);
		// A callback asked for, an e-inquiry received: open written work (once for the board and the supervisor's view).
		hub.written(['call_events', 'call_events:written']);
		expect(await queries()).toBe(UNFED + 1);
		hub.written(TABLES);
		expect(await queries()).toBe(UNFED + 4);
	}, 30_000);

	it('shows an inserted consultant on the next tick, however recently the parts were read', async () => {
		const writer = newWriter(db.store.client, db.config);
		writer.onInserted = (tables) => {
			hub.written(tables);
			hub.nudge();
		};
		const pipeline = await SourcePipeline.open(db.store.client, { sourceId: 'api:hub-test:ndjson', label: 'hub-test', format: 'ndjson', config: db.config, writer });
		const s = await screen('all', true);
		await hub.tick();
		pipeline.addLine(JSON.stringify({ type: 'agent.state', ts: Date.now() - 1_000, agent: 'ona', site: 'siauliai', state: 'available', topics: ['pensions'] }), 'line 1', 'hub-test-1');
		expect(await pipeline.flush({ tokenKey: 'hub-test-1', waitMs: 10_000 })).toBe('inserted');
		await until(() => s.messages.some((m) => m.state.consultants?.some((c) => c.agent === 'ona')));
		const shown = s.messages.find((m) => m.state.consultants?.some((c) => c.agent === 'ona'))!;
		expect(shown.state.consultants!.find((c) => c.agent === 'ona')).toMatchObject({ site: 'siauliai', state: 'available' });
		// Counted among the site's consultants too (from the same rows, read again for the batch).
		expect(shown.state.sites.find((x) => x.site === 'siauliai')).toMatchObject({ loggedIn: 1, available: 1 });
		s.ws.close();
		await writer.stop();
	}, 30_000);

	it('serializes each view screens have open once a tick, whatever the number of screens, and sends it as text', async () => {
		const centre = await Promise.all(Array.from({ length: 40 }, () => screen('all')));
		const site = await Promise.all(Array.from({ length: 5 }, () => screen('siauliai', true)));
		const before = hub.serializations;
		for (let i = 0; i < 3; i++) await hub.tick();
		// Two views open (the centre without names, a site with them): two serializations a tick,
		// none for the views nobody watches.
		expect(hub.serializations - before).toBe(6);
		await until(() => [...centre, ...site].every((s) => s.messages.length >= 4));
		for (const s of [...centre, ...site]) {
			expect(s.messages.map((m) => m.type)).toEqual(['snapshot', 'update', 'update', 'update']);
			// A text frame: a browser's socket parses it as the JSON it is.
			expect(s.messages.every((m) => !m.binary)).toBe(true);
		}
		const last = (s: Screen) => JSON.stringify({ ...s.messages.at(-1), binary: undefined });
		expect(new Set(centre.map(last)).size).toBe(1);
		expect(site[0]!.messages.at(-1)!.state.site).toBe('siauliai');
		expect(centre[0]!.messages.at(-1)!.state).not.toHaveProperty('consultants');
		for (const s of [...centre, ...site]) s.ws.close();
	}, 30_000);
});
