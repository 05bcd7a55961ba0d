/**
 * The EWT service's queues fed from the batches the writer inserts (live/inserted.ts), on chDB
 * through the real pipeline and writer: the queues count a batch as soon as it is stored, without
 * reading it back from ClickHouse; a store only this process writes is not read again for events
 * once warm; a replayed batch counts once; a batch the engine took only in part is read from the
 * store; a batch both handed over before the warm-up and found by it counts once. Through the
 * running server: tests/integration/ewt-live-queue.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { newWriter } from '../helpers/ingest.ts';
import { SourcePipeline } from '../../ingest/pipeline.ts';
import type { Block } from '../../ingest/spool.ts';
import { EwtService } from '../../src/lib/server/ewt/ewtService.ts';
import { onBatchInserted } from '../../src/lib/server/live/inserted.ts';
import { readLiveState } from '../../src/lib/server/live/liveState.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
}, 60_000);
afterAll(async () => db?.close());

const waiting = (ewt: EwtService) => ewt.feed.waitingIn('voice', 'pensions').waiting;
/** A queue entry stored behind the writer's back (what another process would write). */
const storeDirectly = (callId: string, ts: number) =>
	db.store.client.insert({ table: 'call_events', values: [{ event_id: `direct-${callId}`, ts, call_id: callId, type: 'queued', channel: 'voice', topic: 'pensions', source: 'test' }], format: 'JSONEachRow' });

describe('queues fed from inserted batches', () => {
	it('counts a stored batch at once, reads no events back once warm, and a replayed batch once', async () => {
		const ewt = new EwtService(db.store.client, db.config, () => {}, { ownsWrites: true });
		await ewt.refresh();
		const changes: string[][] = [];
		const writer = newWriter(db.store.client, db.config);
		const onInserted = onBatchInserted(ewt, { written: (t) => changes.push([...t]), nudge: () => {} });
		const batches: Block[][] = [];
		writer.onInserted = (tables, blocks, exact) => {
			batches.push([...blocks]);
			onInserted(tables, blocks, exact);
		};
		const pipeline = await SourcePipeline.open(db.store.client, { sourceId: 'api:inserted:ndjson', label: 'inserted', format: 'ndjson', config: db.config, writer });
		const now = Date.now();
		pipeline.addLine(JSON.stringify({ type: 'call.queued', ts: now - 2_000, call_id: 'c1', topic: 'pensions' }), 'line 1', 'inserted-1');
		expect(await pipeline.flush({ tokenKey: 'inserted-1', waitMs: 10_000 })).toBe('inserted');
		// No refresh in between: the batch itself fed the queue.
		expect(waiting(ewt)).toBe(1);
		// A caller joining a queue changes no part the tick reads from ClickHouse.
		expect(changes.at(-1)).toEqual(['call_events']);

		// Replayed (a spooled batch written again after a restart): the same caller, once.
		writer.onInserted(['call_events'], batches[0]!, true);
		expect(waiting(ewt)).toBe(1);

		// Stored behind the writer's back: a store this process alone writes is not read for events.
		await storeDirectly('c2', now - 1_000);
		await ewt.refresh();
		expect(waiting(ewt)).toBe(1);
		// A batch the engine took only in part: the next refresh reads what was stored instead.
		writer.onInserted(['call_events'], [], false);
		await ewt.refresh();
		expect(waiting(ewt)).toBe(2);
		expect(changes.at(-1)?.sort()).toEqual(['call_events', 'call_events:served', 'call_events:written']);

		// A batch that logs a consultant in as a caller joins: the caller's estimate counts him (the
		// consultants are read again before the batch's callers are fed), not the staff of before.
		pipeline.addLine(JSON.stringify({ type: 'agent.state', ts: now - 900, agent: 'ona', site: 'siauliai', state: 'available', topics: ['pensions'] }), 'line 2', 'inserted-2');
		pipeline.addLine(JSON.stringify({ type: 'call.queued', ts: now - 800, call_id: 'c3', topic: 'pensions' }), 'line 3', 'inserted-2');
		expect(await pipeline.flush({ tokenKey: 'inserted-2', waitMs: 10_000 })).toBe('inserted');
		await ewt.refresh();
		expect(waiting(ewt)).toBe(3);
		const stored = await db.store.client.query({ query: "SELECT DISTINCT agents_serving FROM ewt_estimates WHERE contact_id LIKE 'c3#%'", format: 'JSONEachRow' });
		expect(await stored.json()).toEqual([{ agents_serving: 1 }]);

		// An e-inquiry received three days ago, from a late file: older than the queues' hour, so
		// not read whole, and open written work is read again all the same.
		pipeline.addLine(JSON.stringify({ type: 'call.queued', ts: now - 3 * 86_400_000, call_id: 'e1', topic: 'pensions', channel: 'einquiry' }), 'line 4', 'inserted-3');
		expect(await pipeline.flush({ tokenKey: 'inserted-3', waitMs: 10_000 })).toBe('inserted');
		expect(changes.at(-1)).toContain('call_events:written');
		await writer.stop();
		await ewt.stop();
	});

	it('counts a batch handed over before the warm-up read, and in it too, once; and reads a shared store every refresh', async () => {
		const now = Date.now();
		const ewt = new EwtService(db.store.client, db.config, () => {}, { ownsWrites: true });
		// Handed over before the warm-up read, and stored: in the read and in the hand-over.
		await storeDirectly('w1', now - 500);
		ewt.applyInserted([{ event_id: 'direct-w1', ts_ms: now - 500, call_id: 'w1', type: 'queued', channel: 'voice', topic: 'pensions', wait_ms: 0, talk_ms: 0, hold_ms: 0, wrap_ms: 0, simulated: 0 }]);
		expect(ewt.ready).toBe(false);
		await ewt.refresh();
		// c1, c2, c3 from the test before, and w1 once.
		expect(waiting(ewt)).toBe(4);

		// With a ClickHouse server others write too: every refresh reads the events stored since.
		const shared = new EwtService(db.store.client, db.config);
		await shared.refresh();
		await storeDirectly('s1', now);
		await shared.refresh();
		expect(waiting(shared)).toBe(5);
		await ewt.stop();
		await shared.stop();
	});

	it('counts a consultant whose state is stamped ahead of the clock nowhere until its time: the estimate and the boards alike', async () => {
		const now = Date.now();
		await db.store.client.insert({
			table: 'agent_events',
			values: [{ event_id: 'ahead-1', ts: now + 60_000, agent: 'ahead', site: 'siauliai', state: 'available', reason: '', topics: ['contributions'], source: 'test' }],
			format: 'JSONEachRow'
		});
		const ewt = new EwtService(db.store.client, db.config);
		await ewt.refresh(now);
		expect(ewt.estimate('contributions').agentsServing).toBe(0);
		const board = await readLiveState(db.store.client, db.config, now);
		expect(board.topics.find((t) => t.topic === 'contributions')).toMatchObject({ agentsServing: 0, agentsAvailable: 0 });
		// At its time, both count him.
		await ewt.refresh(now + 61_000);
		expect(ewt.estimate('contributions').agentsServing).toBe(1);
		expect((await readLiveState(db.store.client, db.config, now + 61_000)).topics.find((t) => t.topic === 'contributions')).toMatchObject({ agentsServing: 1, agentsAvailable: 1 });
		await ewt.stop();
	});
});
