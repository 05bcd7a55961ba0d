/**
 * A call's events at the same instant, through the real ingest path into chDB and back into
 * the EWT service's queues: the feed's query must hand them over in the order of the call's
 * life (lifecycle.ts), whatever their ids. Ids are given so that, sorted by id, each call's
 * later event would come first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath } from '../helpers/ingest.ts';
import { EwtService } from '../../src/lib/server/ewt/ewtService.ts';
import { readLiveState } from '../../src/lib/server/live/liveState.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
}, 60_000);
afterAll(async () => db?.close());

describe('events at the same instant', () => {
	it('a caller queued and answered in one millisecond is not waiting; a wrap-up stamped with the end still counts', async () => {
		const t = Date.now() - 10 * 60_000;
		const events = [
			{ id: 'z-agent', type: 'agent.state', ts: t - 60_000, agent: 'ona', site: 'siauliai', state: 'available', topics: ['pensions'] },
			{ id: 'z-queued', type: 'call.queued', ts: t, call_id: 'c1', topic: 'pensions', channel: 'voice' },
			{ id: 'a-answered', type: 'call.answered', ts: t, call_id: 'c1', agent: 'ona', site: 'siauliai', wait_ms: 0 },
			{ id: 'z-ended', type: 'call.ended', ts: t + 100_000, call_id: 'c1', talk_ms: 100_000 },
			{ id: 'a-wrapped', type: 'call.wrapup_ended', ts: t + 100_000, call_id: 'c1', wrap_ms: 40_000 }
		];
		const path = join(db.dir, 'ties.ndjson');
		writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
		expect((await ingestPath(db.store.client, db.config, path, 'ndjson', 'ties')).rejected).toBe(0);
		const ewt = new EwtService(db.store.client, db.config);
		await ewt.refresh();
		expect(ewt.feed.waitingIn('voice', 'pensions')).toEqual({ waiting: 0, oldestQueuedAt: null });
		expect(ewt.estimate('pensions').position).toBe(1);
		// Handle time is talk and wrap-up: the wrap-up was taken after the end, not dropped.
		const w = ewt.feed.window('voice', 'pensions');
		expect(w.load(w.lastS).ahtS).toBe(140);
		// The boards' own reading of the stored events agrees.
		expect((await readLiveState(db.store.client, db.config)).topics.find((x) => x.topic === 'pensions')!.waiting).toBe(0);
	});
});
