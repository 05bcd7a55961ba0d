/**
 * A PBX restart closes the calls it left open; the live queue must stop showing them as
 * waiting at once (not after its 4-hour horizon).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath, totalsBySource } from '../helpers/ingest.ts';
import { readLiveState } from '../../src/lib/server/live/liveState.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
});
afterAll(async () => db.close());

const waitingFor = async (topic: string) => (await readLiveState(db.store.client, db.config)).topics.find((t) => t.topic === topic)!.waiting;

describe('the live queue', () => {
	it('drops the calls the restart closed', async () => {
		const now = Math.floor(Date.now() / 1000);
		const file = (name: string, lines: string[]) => {
			const path = join(db.dir, name);
			writeFileSync(path, lines.join('\n') + '\n');
			return path;
		};
		await ingestPath(db.store.client, db.config, file('before', [`${now - 120}|r-1.1|benefits|NONE|ENTERQUEUE||370600|1`, `${now - 60}|r-2.1|benefits|NONE|ENTERQUEUE||370601|2`]), 'queue-log', 'pbx');
		expect(await waitingFor('benefits')).toBe(2);
		// The log as it reads after the PBX restarted: the same two entries, then QUEUESTART.
		// (Read as a file of its own, so its assembler sees both calls open when the restart comes.)
		await ingestPath(db.store.client, db.config, file('after', [`${now - 120}|r-1.1|benefits|NONE|ENTERQUEUE||370600|1`, `${now - 60}|r-2.1|benefits|NONE|ENTERQUEUE||370601|2`, `${now - 10}|NONE|NONE|NONE|QUEUESTART|`]), 'queue-log', 'pbx');
		expect(await waitingFor('benefits')).toBe(0);
		expect((await totalsBySource(db.store.client)).pbx).toMatchObject({ offered: 2, unknown: 2, answered: 0 });
	});

	it('counts a caller re-queued into another topic as waiting there, from his new entry', async () => {
		const now = Math.floor(Date.now() / 1000);
		const path = join(db.dir, 'requeue');
		// q-1 times out of pensions into benefits in the same second; q-2 enters and hangs up in one second.
		writeFileSync(
			path,
			[
				`${now - 300}|q-1.1|pensions|NONE|ENTERQUEUE||370602|1`,
				`${now - 100}|q-1.1|pensions|NONE|EXITWITHTIMEOUT|1|1|200`,
				`${now - 100}|q-1.1|benefits|NONE|ENTERQUEUE||370602|1`,
				`${now - 50}|q-2.1|benefits|NONE|ENTERQUEUE||370603|2`,
				`${now - 50}|q-2.1|benefits|NONE|ABANDON|1|1|0`
			].join('\n') + '\n'
		);
		await ingestPath(db.store.client, db.config, path, 'queue-log', 'pbx-requeue');
		const state = await readLiveState(db.store.client, db.config);
		const benefits = state.topics.find((t) => t.topic === 'benefits')!;
		expect([benefits.waiting, benefits.oldestQueuedAt]).toEqual([1, (now - 100) * 1000]);
		expect(state.topics.find((t) => t.topic === 'pensions')!.waiting).toBe(0);
	});

	it('counts a consultant no site lists in the centre too, under "unknown"', async () => {
		const path = join(db.dir, 'agents.ndjson');
		const at = new Date(Date.now() - 60_000).toISOString();
		writeFileSync(path, `{"type":"agent.state","ts":"${at}","agent":"not-in-config","state":"available","topics":["contributions"]}\n`);
		await ingestPath(db.store.client, db.config, path, 'ndjson', 'agents');
		const state = await readLiveState(db.store.client, db.config);
		expect(state.topics.find((t) => t.topic === 'contributions')!.agentsAvailable).toBe(1);
		expect(state.sites.at(-1)).toMatchObject({ site: 'unknown', loggedIn: 1, available: 1 });
		expect(state.sites.map((x) => x.site).slice(0, db.config.sites.length)).toEqual(db.config.sites.map((x) => x.id));
	});
});
