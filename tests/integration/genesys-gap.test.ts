/**
 * Issue #15: a gap in the live stream is read from the details at once, not at the next
 * scheduled pass. The connector runs in this process on real chDB with reconciliation every 10
 * minutes; after its first pass the socket drops while two calls happen: their contacts are
 * stored within seconds (one gap-triggered pass), and the heartbeat watchdog finds a silent
 * socket dead and reconnects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { newWriter } from '../helpers/ingest.ts';
import { detailRecord, startGenesysCloudDouble, type GenesysCloudDouble, type ScriptedCall } from '../helpers/genesysCloudDouble.ts';
import { GenesysConnector } from '../../ingest/sources/genesys/connector.ts';
import { genesysMetrics } from '../../ingest/sources/genesys/metrics.ts';
import type { IngestWriter } from '../../ingest/ingestWriter.ts';

let db: Embedded;
let double: GenesysCloudDouble;
let writer: IngestWriter;
let connector: GenesysConnector;
let running: Promise<void>;
const abort = new AbortController();
const logs: string[] = [];
/** Heartbeats every 300 ms, as Genesys sends them every 30 s, until the silence test stops them. */
let beats: NodeJS.Timeout;

const contacts = async () => {
	const rs = await db.store.client.query({ query: "SELECT count() AS n FROM contacts FINAL WHERE source = 'genesys'", format: 'JSONEachRow' });
	return Number(((await rs.json()) as { n: string }[])[0]!.n);
};
/**
 * Details passes finished, from the connector's own counter: a pass reads one clock hour per
 * query, so counting the double's queries made a run across a full hour look like two passes.
 */
const passes = async () => (await genesysMetrics.passes.get()).values.reduce((n, v) => n + v.value, 0);
const call = (i: number): ScriptedCall => ({ id: `0a0a0a0a-000${i}-4000-8000-000000000000`, queueId: 'q-1', userId: 'u-1', start: Date.now() - 300_000 + i * 1000, waitMs: 10_000, talkMs: 30_000, holdMs: 0, acwMs: 5_000, finished: true });

beforeAll(async () => {
	db = await openEmbedded();
	double = await startGenesysCloudDouble({ queues: [{ id: 'q-1', name: 'Pensijos' }], users: [{ id: 'u-1', name: 'Ona', email: 'ona@fondas.lt', queueIds: ['q-1'] }] });
	double.conversations.push(detailRecord(call(0)));
	writer = newWriter(db.store.client, db.config);
	const config = { ...db.config, genesys: { ...db.config.genesys, reconcileSeconds: 600 } };
	connector = new GenesysConnector({
		db: db.store.client,
		writer,
		config,
		env: { GENESYS_API_URL: double.url, GENESYS_LOGIN_URL: double.url, GENESYS_CLIENT_ID: double.clientId, GENESYS_CLIENT_SECRET: double.clientSecret },
		signal: abort.signal,
		log: (l) => logs.push(l),
		silenceMs: 1500
	});
	running = connector.run();
	beats = setInterval(() => double.heartbeat(), 300);
	// The first pass, before the gap.
	for (const until = Date.now() + 30_000; ((await contacts()) < 1 || (await passes()) < 1) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
}, 60_000);
afterAll(async () => {
	clearInterval(beats);
	abort.abort();
	await running;
	await writer.stop();
	await double.close();
	await db.close();
});

describe('a gap in the live stream', () => {
	it('is read from the details at once: the calls the socket missed are stored within seconds, by one pass', async () => {
		const before = await passes();
		double.conversations.push(detailRecord(call(1)), detailRecord(call(2)));
		double.dropSockets();
		await expect.poll(contacts, { timeout: 10_000, interval: 100 }).toBe(3).catch((e: unknown) => { throw new Error(`${(e as Error).message}\n${logs.join("\n")}`); });
		await expect.poll(async () => (await passes()) - before).toBeGreaterThanOrEqual(1);
		expect((await passes()) - before).toBe(1);
		expect(logs.join('\n')).toMatch(/the notification socket closed; reconnecting, the gap is read from the details/);
	}, 30_000);

	it('is also a socket that falls silent (no heartbeat): it is found dead and replaced', async () => {
		await expect.poll(() => connector.status.state).toBe('connected');
		const channels = double.requests.filter((r) => r === 'POST /api/v2/notifications/channels').length;
		clearInterval(beats);
		// No heartbeat any more: after 1.5 s of silence the watchdog gives up on the socket.
		await expect.poll(() => double.requests.filter((r) => r === 'POST /api/v2/notifications/channels').length, { timeout: 15_000 }).toBeGreaterThan(channels);
		expect(logs.join('\n')).toMatch(/no heartbeat for 2 s; reconnecting/);
	}, 30_000);
});
