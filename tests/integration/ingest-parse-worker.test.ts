/**
 * Files parsed on the parse worker (ingest/sources/parseWorker.ts) while the pipeline runs on
 * the calling thread: the same contacts as the generator worked out, the counts the pipeline
 * reports, a second file while the worker is busy parsed on the calling thread instead, and a
 * file whose worker dies half-way finished on the calling thread.
 * (The kill -9 test resumes a file through the worker too: its file is above the size where
 * the worker is the default.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile } from '../../ingest/sources/fileSource.ts';
import { parsedChunks, parseWorkerBusy, stopParseWorker } from '../../ingest/sources/parseInWorker.ts';
import { callStream, storedTotals, type StreamTotals } from '../helpers/callStream.ts';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { newWriter, totalsBySource } from '../helpers/ingest.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
});
afterAll(async () => db.close());

function expectTotals(label: string, totals: StreamTotals, all: Awaited<ReturnType<typeof totalsBySource>>) {
	expect(all[label]).toMatchObject(storedTotals(totals));
}

describe('the parse worker', () => {
	it('gives every call of a file once, with the counts the generator worked out', async () => {
		const { lines, totals } = callStream(3_000, { prefix: 'pw' });
		// A blank line and a broken one: ignored and rejected counts cross the thread too.
		const path = join(db.dir, 'calls.ndjson');
		writeFileSync(path, [...lines.slice(0, 10), '', '{"type":"call.queued"', ...lines.slice(10)].join('\n') + '\n');
		const writer = newWriter(db.store.client, db.config);
		try {
			const result = await ingestFile({ path, format: 'ndjson', config: db.config, db: db.store.client, writer, label: 'pw', parseInWorker: true });
			expect(result).toMatchObject({ accepted: totals.events, rejected: 1, ignored: 1, duplicates: 0 });
		} finally {
			await writer.stop();
		}
		expectTotals('pw', totals, await totalsBySource(db.store.client));
	}, 60_000);

	it('finishes a file on the calling thread when the worker dies half-way, every call once', async () => {
		const { lines, totals } = callStream(30_000, { prefix: 'pd', start: Date.parse('2026-11-07T05:00:00Z') });
		const path = join(db.dir, 'dies.ndjson');
		writeFileSync(path, lines.join('\n') + '\n');
		const writer = newWriter(db.store.client, db.config);
		let stopped = false;
		try {
			const result = await ingestFile({
				path,
				format: 'ndjson',
				config: db.config,
				db: db.store.client,
				writer,
				label: 'pd',
				parseInWorker: true,
				// Stopped once the pipeline has taken some of the file, not all of it.
				onProgress: (p) => {
					if (!stopped && p.bytesDone > p.bytesTotal / 4) {
						stopped = true;
						void stopParseWorker();
					}
				}
			});
			expect(stopped).toBe(true);
			expect(result).toMatchObject({ accepted: totals.events, rejected: 0, duplicates: 0 });
		} finally {
			await writer.stop();
		}
		expectTotals('pd', totals, await totalsBySource(db.store.client));
		expect(parseWorkerBusy()).toBe(false);
	}, 60_000);

	it('parses a file on the calling thread while the worker is busy, and is free again once its file is dropped', async () => {
		const a = callStream(20_000, { prefix: 'pa', start: Date.parse('2026-11-03T05:00:00Z') });
		const b = callStream(2_000, { prefix: 'pb', start: Date.parse('2026-11-05T05:00:00Z') });
		const pathA = join(db.dir, 'a.ndjson');
		const pathB = join(db.dir, 'b.ndjson');
		writeFileSync(pathA, a.lines.join('\n') + '\n');
		writeFileSync(pathB, b.lines.join('\n') + '\n');
		// The worker busy with a file nobody takes beyond its first chunk.
		const held = parsedChunks({ path: pathA, name: 'a', sourceId: 'a', format: 'ndjson', config: db.config, offset: 0, lineNo: 0 })!;
		expect(held).not.toBeNull();
		const first = await held.next();
		expect(first.done).toBe(false);
		expect(parseWorkerBusy()).toBe(true);
		expect(parsedChunks({ path: pathB, name: 'b', sourceId: 'b', format: 'ndjson', config: db.config, offset: 0, lineNo: 0 })).toBeNull();

		const writer = newWriter(db.store.client, db.config);
		try {
			const result = await ingestFile({ path: pathB, format: 'ndjson', config: db.config, db: db.store.client, writer, label: 'pb', parseInWorker: true });
			expect(result.accepted).toBe(b.totals.events);
			expect(parseWorkerBusy(), 'the first file is still held').toBe(true);
			await held.return(undefined);
			expect(parseWorkerBusy()).toBe(false);
			// A new worker takes the next file.
			const again = await ingestFile({ path: pathA, format: 'ndjson', config: db.config, db: db.store.client, writer, label: 'pa', parseInWorker: true });
			expect(again.accepted).toBe(a.totals.events);
		} finally {
			await writer.stop();
		}
		const all = await totalsBySource(db.store.client);
		expectTotals('pa', a.totals, all);
		expectTotals('pb', b.totals, all);
	}, 60_000);
});
