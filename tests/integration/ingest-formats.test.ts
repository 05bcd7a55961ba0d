/**
 * Every input format through the real ingest path into embedded ClickHouse, with counts
 * established by hand from the files (see each comment), and re-ingest as a no-op.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath, tableCounts, totalsBySource } from '../helpers/ingest.ts';

const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
const shared = (p: string) => {
	const path = fileURLToPath(new URL(`../../../shared/samples/${p}`, import.meta.url));
	if (!existsSync(path)) throw new Error(`the real sample ${path} is missing: these tests need ../shared/samples beside the repo`);
	return path;
};

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
	await ingestPath(db.store.client, db.config, shared('asterisk/queue_log-20220801'), 'queue-log', 'queue_log-sample');
	await ingestPath(db.store.client, db.config, fixture('cdr/Master.csv'), 'cdr-csv', 'cdr-master');
	await ingestPath(db.store.client, db.config, shared('genesys/conversation-chat.json'), 'genesys', 'genesys-sample');
	await ingestPath(db.store.client, db.config, fixture('ndjson/valid.ndjson'), 'ndjson', 'ndjson-valid');
}, 60_000);
afterAll(async () => db.close());

describe('ingest of every format into ClickHouse', () => {
	it('Asterisk queue_log (real sample): 30 queue entries, 3 answered, 27 abandoned', async () => {
		// Counted with grep in the file: 30 ENTERQUEUE, 3 CONNECT (holdtime 17 s in all),
		// 3 COMPLETE* (calltime 22 s), 27 ABANDON (waittime 591 s).
		const t = (await totalsBySource(db.store.client))['queue_log-sample']!;
		expect(t).toMatchObject({ offered: 30, answered: 3, abandoned: 27, talk_ms: 22_000, wait_answered_ms: 17_000, wait_abandoned_ms: 591_000, hold_ms: 0, duplicate_ids: 0 });
	});

	it('Asterisk CDR CSV: 7 queue calls, 3 answered, 3 abandoned, 1 busy', async () => {
		// tests/fixtures/cdr/Master.csv, worked out in tests/unit/ingest/cdrCsv.test.ts:
		// billsec 240 + 360 + 120 = 720 s talk; answer − start 25 + 40 + 8 = 73 s wait.
		const t = (await totalsBySource(db.store.client))['cdr-master']!;
		expect(t).toMatchObject({ offered: 7, answered: 3, abandoned: 3, unknown: 1, talk_ms: 720_000, wait_answered_ms: 73_000, wait_abandoned_ms: 195_000 });
	});

	it('Genesys Cloud (real sample): one answered chat with its talk and hold in milliseconds', async () => {
		const t = (await totalsBySource(db.store.client))['genesys-sample']!;
		expect(t).toMatchObject({ offered: 1, answered: 1, talk_ms: 374_561, hold_ms: 544_176, wait_answered_ms: 11_179 });
	});

	it('canonical NDJSON: lifecycle events become contacts, bulk contacts go straight in', async () => {
		// valid.ndjson: 1795500000.17 answered (wait 72.25 s, talk 238, hold 30, wrap 60);
		// .6 asked for a callback straight from the IVR, which ona completed next day; one
		// e-inquiry and one e-mail answered; 3 bulk contacts (answered: talk 330, hold 30,
		// wrap 40; a callback request; a 3 s abandon).
		// Still open, so not contacts yet: .18 (answered, never ended), chat-4411 (only queued),
		// and .3, .4, .5, whose terminal events came without a queue entry or a topic: they wait
		// for the entry that says which topic they were for.
		const t = (await totalsBySource(db.store.client))['ndjson-valid']!;
		expect(t).toMatchObject({
			offered: 7,
			answered: 5,
			abandoned: 1,
			short_abandoned: 1,
			talk_ms: 568_000,
			hold_ms: 60_000,
			wrap_ms: 100_000,
			duplicate_ids: 0
		});
	});

	it('the 15-minute rollup holds exactly what the contacts table holds', async () => {
		const c = await tableCounts(db.store.client);
		expect(c.rollup_offered).toBe(c.contacts);
		const all = Object.values(await totalsBySource(db.store.client));
		expect(c.rollup_answered).toBe(all.reduce((s, t) => s + t.answered, 0));
		expect(c.rollup_talk_ms).toBe(all.reduce((s, t) => s + t.talk_ms, 0));
	});

	it('ingesting the same files again changes nothing, even under another name', async () => {
		const before = await tableCounts(db.store.client);
		const again = await ingestPath(db.store.client, db.config, shared('asterisk/queue_log-20220801'), 'queue-log', 'queue_log-sample');
		expect(again.alreadyDone).toBe(true);
		const copy = join(db.dir, 'renamed-queue_log');
		copyFileSync(shared('asterisk/queue_log-20220801'), copy);
		expect((await ingestPath(db.store.client, db.config, copy, 'queue-log', 'renamed')).alreadyDone).toBe(true);
		expect((await ingestPath(db.store.client, db.config, fixture('cdr/Master.csv'), 'cdr-csv', 'cdr-master')).alreadyDone).toBe(true);
		expect(await tableCounts(db.store.client)).toEqual(before);
	});

	it('a log that has grown since is read again from its start, and counts only its new calls', async () => {
		const before = await tableCounts(db.store.client);
		// The same queue_log with one more call (answered after 12 s, 95 s of talk): new content, so a new source.
		const grown = join(db.dir, 'queue_log-grown');
		const t = 1659340300;
		writeFileSync(
			grown,
			readFileSync(shared('asterisk/queue_log-20220801'), 'utf8') +
				[`${t}|1659340300.77|500|NONE|ENTERQUEUE||37060000000|1`, `${t + 12}|1659340300.77|500|Ona|CONNECT|12|1659340312.78|2`, `${t + 107}|1659340300.77|500|Ona|COMPLETECALLER|12|95|1`].join('\n') +
				'\n'
		);
		const result = await ingestPath(db.store.client, db.config, grown, 'queue-log', 'queue_log-grown');
		expect(result.alreadyDone).toBe(false);
		const after = await tableCounts(db.store.client);
		// One contact more, in the contacts and in the rollup that the figures read: the sample's
		// calls, read again, are not stored or rolled up a second time.
		expect(after.contacts).toBe(before.contacts + 1);
		expect(after.rollup_offered).toBe(before.rollup_offered + 1);
		expect(after.rollup_answered).toBe(before.rollup_answered + 1);
		expect(after.rollup_talk_ms).toBe(before.rollup_talk_ms + 95_000);
	});

	it('a call answered before a queue_log rotation and ended after it is one answered contact', async () => {
		const before = await tableCounts(db.store.client);
		// Each rotated file, ingested on its own, is a source with an assembler of its own.
		const t = 1790000000;
		const first = join(db.dir, 'queue_log-20261101');
		const second = join(db.dir, 'queue_log-20261102');
		writeFileSync(first, [`${t}|1790000000.11|500|NONE|ENTERQUEUE||37060000001|1`, `${t + 6}|1790000000.11|500|Ona|CONNECT|6|1790000006.12|3`].join('\n') + '\n');
		writeFileSync(second, `${t + 300}|1790000000.11|500|Ona|COMPLETECALLER|6|294|1\n`);
		await ingestPath(db.store.client, db.config, first, 'queue-log', 'queue_log-20261101');
		await ingestPath(db.store.client, db.config, second, 'queue-log', 'queue_log-20261102');
		const after = await tableCounts(db.store.client);
		expect(after.contacts - before.contacts).toBe(1);
		expect(after.rollup_answered - before.rollup_answered).toBe(1);
		expect(after.rollup_talk_ms - before.rollup_talk_ms).toBe(294_000);
		const [c] = (await (await db.store.client.query({ query: "SELECT wait_ms, outcome, toUnixTimestamp(queued_at) AS queued FROM contacts FINAL WHERE contact_id LIKE '1790000000.11@500#%'", format: 'JSONEachRow' })).json()) as { wait_ms: number; outcome: string; queued: number }[];
		expect(c).toEqual({ wait_ms: 6_000, outcome: 'answered', queued: t });
	});
});
