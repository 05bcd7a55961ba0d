/**
 * A webhook redelivering events after a restart, when the call they belong to completed long
 * before: the assembler remembers completed calls for an hour of event time only, so without
 * the stream's stored ids the call opened again and was counted twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestService } from '../../ingest/service.ts';
import { periodStats } from '../../src/lib/server/stats/periodStats.ts';
import { localDateOf, localDateRange } from '../../src/lib/server/stats/periodRange.ts';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
}, 60_000);
afterAll(async () => {
	await db?.close();
});

const HOUR = 3_600_000;
const now = Date.now();

/** A whole answered call, as the events a webhook sends, starting at `start`. */
function call(id: string, start: number): string[] {
	const at = (ms: number) => new Date(start + ms).toISOString();
	return [
		`{"type":"call.queued","ts":"${at(0)}","call_id":"${id}","topic":"benefits"}`,
		`{"type":"call.answered","ts":"${at(40_000)}","call_id":"${id}","agent":"ona","site":"siauliai"}`,
		`{"type":"call.ended","ts":"${at(340_000)}","call_id":"${id}","talk_ms":280000,"hold_ms":20000}`,
		`{"type":"call.wrapup_ended","ts":"${at(400_000)}","call_id":"${id}","wrap_ms":60000}`
	];
}

/** Calls offered in the centre's days the test's calls fall in, from the rollup the screens read. */
async function offered(): Promise<number | null> {
	const tz = db.config.timeZone;
	const range = localDateRange(localDateOf(now - 6 * HOUR, tz), localDateOf(now, tz), tz);
	const stats = await periodStats(db.store.client, range, { topic: null, site: null, channel: 'voice' }, tz);
	return stats.total.offered;
}

describe('a webhook redelivering after a restart', () => {
	it('is recognised from what the stream stored, even for a call completed hours before', async () => {
		const first = new IngestService(db.store.client, db.config, () => {});
		const early = call('r-1', now - 5 * HOUR);
		expect(await first.ingestBody('ndjson', early.join('\n'), 'pbx-1')).toMatchObject({ accepted: 4, duplicates: 0 });
		// A later call moves the stream's clock three hours on: the assembler forgets r-1.
		expect(await first.ingestBody('ndjson', call('r-2', now - 2 * HOUR).join('\n'), 'pbx-1')).toMatchObject({ accepted: 4 });
		await first.stop();
		expect(await offered()).toBe(2);

		const restarted = new IngestService(db.store.client, db.config, () => {});
		// The same four events again, in a body of another shape (so not a retry of the same body).
		const again = await restarted.ingestBody('ndjson', [...early].reverse().join('\n'), 'pbx-1');
		expect(again).toMatchObject({ accepted: 0, duplicates: 4 });
		await restarted.stop();
		expect(await offered()).toBe(2);
	});
});
