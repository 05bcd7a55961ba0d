/**
 * A batch whose contacts reached the table but not the rollup views (a worker killed between
 * the two, which are separate parts) is completed by its replay, while contacts stored by any
 * earlier write are left out of a first write. The kill -9 test hits the first case only when
 * the kill lands in that gap; here it is made on purpose, with the views detached for the
 * first attempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { tableCounts } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { CONTACT_COLUMNS, contactLineBuilder } from '../../ingest/rows.ts';
import { Spool, type Block } from '../../ingest/spool.ts';
import { insertBlock, writeEntry } from '../../ingest/writer.ts';
import type { ContactRecord } from '../../ingest/types.ts';

let db: Embedded;
const dir = tempDir('replay');
beforeAll(async () => {
	db = await openEmbedded();
});
afterAll(async () => {
	await db?.close();
	dir.remove();
});

const VIEWS = ['contacts_15m_mv', 'contacts_1h_mv'];

/** Answered calls on 2 November 2026 (`ids`) as one contacts block under `token`. */
function block(token: string, ids = [0, 1, 2]): Block {
	const line = contactLineBuilder(db.config);
	const at = Date.parse('2026-11-02T08:00:00Z');
	const contacts: ContactRecord[] = ids.map((i) => ({
		contactId: `replay-${i}#${at + i * 60_000}`, channel: 'voice', topic: 'pensions', site: 'siauliai', agent: 'ona',
		queuedAt: at + i * 60_000, answeredAt: at + i * 60_000 + 20_000, endedAt: at + i * 60_000 + 200_000,
		outcome: 'answered', waitMs: 20_000, talkMs: 180_000, holdMs: 0, wrapMs: 0
	}));
	const tsv = contacts.map((c) => line(c, 'replay-test')).join('\n') + '\n';
	return { table: 'contacts', columns: CONTACT_COLUMNS, token, rows: contacts.length, tsv };
}

const entry = (...blocks: Block[]) => ({ sourceId: 'replay-test', blocks, checkpoint: null });
const failOnBadData = async (_b: Block, message: string) => {
	throw new Error(`unexpected bad data: ${message}`);
};

describe('a contacts batch replayed after its first attempt stopped half-way', () => {
	it('adds to the rollups what they missed, once; a first write of the same contacts adds nothing', async () => {
		const spool = new Spool(join(dir.path, 'spool'), 1 << 30);
		const before = await tableCounts(db.store.client);
		// The first attempt: checked (nothing stored yet) and kept in the spool, marked.
		const name = spool.write(entry(block('replay-test:0-3:contacts')));
		const settled = spool.settle(name, 0, spool.read(name).blocks[0]!, false);
		expect(spool.read(name).blocks[0]).toMatchObject({ rows: 3, filtered: true });
		// Its insert wrote the table's part, not the views' (they are detached), then the worker died.
		for (const v of VIEWS) await db.store.client.command({ query: `DETACH TABLE ${v}` });
		try {
			await insertBlock(db.store.client, settled);
		} finally {
			for (const v of VIEWS) await db.store.client.command({ query: `ATTACH TABLE ${v}` });
		}
		const half = await tableCounts(db.store.client);
		expect(half.contacts - before.contacts).toBe(3);
		expect(half.rollup_offered - before.rollup_offered).toBe(0);

		// The replay sends the entry as the spool kept it, under the same token.
		await writeEntry(db.store.client, spool.read(name), failOnBadData);
		const replayed = await tableCounts(db.store.client);
		expect(replayed.contacts - before.contacts, 'the table keeps one copy').toBe(3);
		expect(replayed.rollup_offered - before.rollup_offered).toBe(3);
		expect(replayed.rollup_1h_offered - before.rollup_1h_offered).toBe(3);
		expect(replayed.rollup_talk_ms - before.rollup_talk_ms).toBe(3 * 180_000);

		// Written for the first time, the same contacts are left out, under its own token (a body
		// sent again long after, when the engine has forgotten the token) or another's (a file
		// read again from its start).
		for (const token of ['replay-test:0-3:contacts', 'grown-file:0-3:contacts']) {
			const again = entry(block(token));
			await writeEntry(db.store.client, again, failOnBadData);
			expect(again.blocks[0]).toMatchObject({ rows: 0, filtered: true });
		}
		expect(await tableCounts(db.store.client)).toEqual(replayed);
		spool.close();
	});

	it('keeps a block as checked in the spool: fewer rows, marked, and a retry sends just those', async () => {
		const spool = new Spool(join(dir.path, 'spool-2'), 1 << 30);
		const before = await tableCounts(db.store.client);
		// Contacts 1 and 2 are stored (above); 3 and 4 are new.
		const name = spool.write(entry(block('mixed:0-4:contacts', [1, 2, 3, 4])));
		const written = spool.read(name);
		await writeEntry(db.store.client, written, failOnBadData, undefined, (i, b, changed) => spool.settle(name, i, b, changed));
		const kept = spool.read(name).blocks[0]!;
		expect(kept).toMatchObject({ rows: 2, filtered: true });
		expect(kept.tsv.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!.split('#')[0])).toEqual(['replay-3', 'replay-4']);
		const after = await tableCounts(db.store.client);
		expect(after.rollup_offered - before.rollup_offered).toBe(2);
		// Sent again as kept (a retry, or a replay): nothing more.
		await writeEntry(db.store.client, spool.read(name), failOnBadData);
		expect(await tableCounts(db.store.client)).toEqual(after);
		spool.close();
	});
});
