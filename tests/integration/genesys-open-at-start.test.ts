/**
 * The Genesys connector reads the conversations already connected when it starts: a caller
 * talking to a consultant at start-up was in no notification, and the queue observations give
 * only those still waiting. The first details pass turns each conversation without
 * conversationEnd into its live answer (consultant, wait), with the ids the notifications use,
 * never a contact; once it ends, the details store it once. Real chDB, the connector in this
 * process against the local double of the Genesys Cloud API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { newWriter } from '../helpers/ingest.ts';
import { conversationNotification, detailRecord, startGenesysCloudDouble, type GenesysCloudDouble, type ScriptedCall } from '../helpers/genesysCloudDouble.ts';
import { GenesysConnector } from '../../ingest/sources/genesys/connector.ts';
import type { IngestWriter } from '../../ingest/ingestWriter.ts';

let db: Embedded;
let double: GenesysCloudDouble;
let writer: IngestWriter;
let running: Promise<void>;
const abort = new AbortController();
const logs: string[] = [];
let beats: NodeJS.Timeout;

// Answered 2 minutes ago after a 40 s wait, still talking; and one finished an hour ago.
const talking: ScriptedCall = { id: '0b0b0b0b-0001-4000-8000-000000000000', queueId: 'q-1', userId: 'u-1', start: Date.now() - 160_000, waitMs: 40_000, talkMs: 600_000, holdMs: 0, acwMs: 5_000, finished: false };
const done: ScriptedCall = { id: '0b0b0b0b-0002-4000-8000-000000000000', queueId: 'q-1', userId: 'u-1', start: Date.now() - 3_600_000, waitMs: 10_000, talkMs: 30_000, holdMs: 0, acwMs: 5_000, finished: true };

const rows = async <T>(query: string): Promise<T[]> => (await db.store.client.query({ query, format: 'JSONEachRow' })).json<T>();
const eventsOf = (callId: string) =>
	rows<{ type: string; agent: string; wait_ms: number | string | null; event_id: string; ts: string }>(
		`SELECT type, agent, wait_ms, event_id, toString(ts) AS ts FROM call_events WHERE call_id = '${callId}' ORDER BY ts, type`
	);
const contacts = async () => Number((await rows<{ n: string }>("SELECT count() AS n FROM contacts FINAL WHERE source = 'genesys'"))[0]!.n);

beforeAll(async () => {
	db = await openEmbedded();
	double = await startGenesysCloudDouble({ queues: [{ id: 'q-1', name: 'Pensijos' }], users: [{ id: 'u-1', name: 'Ona', email: 'ona@fondas.lt', queueIds: ['q-1'] }] });
	double.conversations.push(detailRecord(done), detailRecord(talking));
	writer = newWriter(db.store.client, db.config);
	running = new GenesysConnector({
		db: db.store.client,
		writer,
		config: { ...db.config, genesys: { ...db.config.genesys, reconcileSeconds: 600 } },
		env: { GENESYS_API_URL: double.url, GENESYS_LOGIN_URL: double.url, GENESYS_CLIENT_ID: double.clientId, GENESYS_CLIENT_SECRET: double.clientSecret },
		signal: abort.signal,
		log: (l) => logs.push(l)
	}).run();
	beats = setInterval(() => double.heartbeat(), 300);
	for (const until = Date.now() + 30_000; (await contacts()) < 1 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
}, 60_000);
afterAll(async () => {
	clearInterval(beats);
	abort.abort();
	await running;
	await writer.stop();
	await double.close();
	await db.close();
});

describe('conversations already connected when the connector starts', () => {
	it('are read from the details at start: answered, by whom, after what wait; not a contact yet', async () => {
		await expect.poll(async () => (await eventsOf(`gen:${talking.id}`)).length, { timeout: 10_000 }).toBeGreaterThan(0);
		const events = await eventsOf(`gen:${talking.id}`);
		expect(events.map((e) => [e.type, e.agent, Number(e.wait_ms)])).toEqual([['answered', 'u-1', 40_000]]);
		expect(Date.parse(`${events[0]!.ts.replace(' ', 'T')}Z`)).toBe(talking.start + talking.waitMs);
		// Only the finished one is a contact.
		expect(await contacts()).toBe(1);
	});

	it('and a notification of the same conversation adds no second answer', async () => {
		double.publish('v2.routing.queues.q-1.conversations', conversationNotification(talking, Date.now()));
		await expect.poll(async () => (await eventsOf(`gen:${talking.id}`)).some((e) => e.type === 'queued'), { timeout: 10_000 }).toBe(true);
		const answers = (await eventsOf(`gen:${talking.id}`)).filter((e) => e.type === 'answered');
		expect(new Set(answers.map((e) => e.event_id)).size).toBe(1);
	});

	it('once it has ended, the details store it once', async () => {
		double.conversations.splice(1, 1, detailRecord({ ...talking, talkMs: 100_000, finished: true }));
		double.dropSockets();
		await expect.poll(contacts, { timeout: 15_000, interval: 100 }).toBe(2);
	}, 30_000);
});
