/**
 * A batch whose contacts reached the table but not the rollup views (a worker killed between
 * the two, which are separate parts) is completed by its replay, while contacts another batch
 * stored are still left out. The kill -9 test hits the first case only when the kill lands in
 * that gap; here it is made on purpose, with the views detached for the first attempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { tableCounts } from '../helpers/ingest.ts';
import { CONTACT_COLUMNS, contactLineBuilder } from '../../ingest/rows.ts';
import { insertBlock, writeEntry } from '../../ingest/writer.ts';
import { withoutStoredContacts } from '../../ingest/storedContacts.ts';
import type { Block } from '../../ingest/spool.ts';
import type { ContactRecord } from '../../ingest/types.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
});
afterAll(async () => db?.close());

const VIEWS = ['contacts_15m_mv', 'contacts_1h_mv'];

/** Three answered calls on 2 November 2026 as one contacts block under `token`. */
function block(token: string): Block {
	const line = contactLineBuilder(db.config);
	const at = Date.parse('2026-11-02T08:00:00Z');
	const contacts: ContactRecord[] = [0, 1, 2].map((i) => ({
		contactId: `replay-${i}#${at + i * 60_000}`, channel: 'voice', topic: 'pensions', site: 'siauliai', agent: 'ona',
		queuedAt: at + i * 60_000, answeredAt: at + i * 60_000 + 20_000, endedAt: at + i * 60_000 + 200_000,
		outcome: 'answered', waitMs: 20_000, talkMs: 180_000, holdMs: 0, wrapMs: 0
	}));
	const tsv = contacts.map((c) => line(c, 'replay-test')).join('\n') + '\n';
	return { table: 'contacts', columns: CONTACT_COLUMNS, token, rows: contacts.length, tsv };
}

const entry = (b: Block) => ({ sourceId: 'replay-test', blocks: [b], checkpoint: null });
const failOnBadData = async (_b: Block, message: string) => {
	throw new Error(`unexpected bad data: ${message}`);
};

describe('a contacts batch replayed after its first attempt stopped half-way', () => {
	it('adds to the rollups what they missed, once; another batch with the same contacts adds nothing', async () => {
		const before = await tableCounts(db.store.client);
		const first = block('replay-test:0-3:contacts');
		// The first attempt: the table's part written, the views' parts not (they are detached).
		for (const v of VIEWS) await db.store.client.command({ query: `DETACH TABLE ${v}` });
		try {
			await insertBlock(db.store.client, first);
		} finally {
			for (const v of VIEWS) await db.store.client.command({ query: `ATTACH TABLE ${v}` });
		}
		const half = await tableCounts(db.store.client);
		expect(half.contacts - before.contacts).toBe(3);
		expect(half.rollup_offered - before.rollup_offered).toBe(0);

		// Only an entry written again keeps what its own token stored: a first write leaves out
		// everything stored (the same body sent much later has the same token, and the engine's
		// memory of tokens is bounded).
		expect((await withoutStoredContacts(db.store.client, first, false)).rows).toBe(0);
		expect((await withoutStoredContacts(db.store.client, first, true)).rows).toBe(3);
		expect((await withoutStoredContacts(db.store.client, block('grown-file:0-3:contacts'), true)).rows).toBe(0);

		// The replay of that spool entry, under the same token.
		await writeEntry(db.store.client, entry(block('replay-test:0-3:contacts')), failOnBadData, undefined, true);
		const replayed = await tableCounts(db.store.client);
		expect(replayed.contacts - before.contacts, 'the table keeps one copy').toBe(3);
		expect(replayed.rollup_offered - before.rollup_offered).toBe(3);
		expect(replayed.rollup_1h_offered - before.rollup_1h_offered).toBe(3);
		expect(replayed.rollup_talk_ms - before.rollup_talk_ms).toBe(3 * 180_000);

		// Again, and as another batch (a file read again from its start): nothing changes.
		await writeEntry(db.store.client, entry(block('replay-test:0-3:contacts')), failOnBadData, undefined, true);
		await writeEntry(db.store.client, entry(block('replay-test:0-3:contacts')), failOnBadData);
		await writeEntry(db.store.client, entry(block('grown-file:0-3:contacts')), failOnBadData, undefined, true);
		expect(await tableCounts(db.store.client)).toEqual(replayed);
	});
});
