/**
 * Asterisk writes one CDR row per consultant it rang, all with the call's id. Rows of one call
 * that land in different batches must still make one contact (the answered row wins).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath, tableCounts, totalsBySource } from '../helpers/ingest.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
	db.config.ingest.batchSize = 1; // every row in a batch of its own
});
afterAll(async () => db.close());

const row = (id: string, dst: string, disposition: string, answer: string, billsec: number) =>
	`"","37060000000","500","from-queue","""Caller"" <37060000000>","SIP/trunk-1","${dst}","Queue","pensions,t,,,300","2026-11-02 09:00:00",${answer},"2026-11-02 09:03:20",200,${billsec},"${disposition}","DOCUMENTATION","${id}",""`;

describe('CDR rows of one call across batches', () => {
	it('make one contact, answered when any row was', async () => {
		const file = join(db.dir, 'Master.csv');
		writeFileSync(
			file,
			[
				row('1762066800.1', 'SIP/1001-01', 'NO ANSWER', '', 0), // rang Ona, no answer
				row('1762066800.1', 'SIP/1002-02', 'ANSWERED', '"2026-11-02 09:00:20"', 180), // Jonas answered
				row('1762066800.7', 'SIP/1001-03', 'NO ANSWER', '', 0) // another call, never answered
			].join('\n') + '\n'
		);
		await ingestPath(db.store.client, db.config, file, 'cdr-csv', 'cdr-batches');
		expect((await totalsBySource(db.store.client))['cdr-batches']).toMatchObject({ offered: 2, answered: 1, abandoned: 1, talk_ms: 180_000, wait_answered_ms: 20_000, duplicate_ids: 0 });
		const c = await tableCounts(db.store.client);
		expect(c).toMatchObject({ contacts: 2, rollup_offered: 2, rollup_answered: 1 });
	});
});
