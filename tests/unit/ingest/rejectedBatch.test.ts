/**
 * Issue #16 item 8: one batch may reject millions of records (a body of two million nulls made
 * two million rows). A batch keeps MAX_KEPT one by one, and each class past that becomes one
 * summary row whose count is the rest; the counts still count every record.
 */
import { describe, expect, it } from 'vitest';
import { SourcePipeline } from '../../../ingest/pipeline.ts';
import { MAX_KEPT } from '../../../ingest/rejectedBatch.ts';
import { REJECTED_COLUMNS } from '../../../ingest/rows.ts';
import type { IngestWriter } from '../../../ingest/ingestWriter.ts';
import type { SpoolEntry } from '../../../ingest/spool.ts';
import { loadConfig } from '../../../src/lib/server/config/index.ts';

const config = loadConfig({});

async function pipeline() {
	const entries: SpoolEntry[] = [];
	const writer = {
		spool: { latestCheckpoint: () => ({ sourceId: 's', position: '', state: '' }) },
		pending: 0,
		commit: async (entry: SpoolEntry) => (entries.push(entry), 'inserted' as const)
	} as unknown as IngestWriter;
	const p = await SourcePipeline.open(null as never, { sourceId: 's', label: 'test', format: 'ndjson', config, writer });
	return { p, entries };
}

const col = (name: string) => REJECTED_COLUMNS.indexOf(name);

describe('rejected records of one batch', () => {
	it('keeps the first ones, then one summary row per class with the count of the rest', async () => {
		const { p, entries } = await pipeline();
		const extraNulls = 1500;
		for (let i = 1; i <= MAX_KEPT + extraNulls; i++) p.addLine('null', `body line ${i}`, String(i));
		p.addLine('{"type":"call.teleported","ts":1795500000000,"call_id":"x"}', 'body line 9999', '9999');
		await p.flush();
		expect(p.counts.rejected).toBe(MAX_KEPT + extraNulls + 1);
		const block = entries[0]!.blocks.find((b) => b.table === 'rejected_records')!;
		const rows = block.tsv.trimEnd().split('\n').map((l) => l.split('\t'));
		expect(rows).toHaveLength(MAX_KEPT + 2);
		expect(rows.slice(0, MAX_KEPT).every((r) => r[col('reason')] === 'not_json' && r[col('count')] === '1')).toBe(true);
		const summaries = rows.slice(MAX_KEPT).map((r) => [r[col('reason')], r[col('count')], r[col('position')]]);
		expect(summaries).toEqual([
			['not_json', String(extraNulls), `body line ${MAX_KEPT + 1} … body line ${MAX_KEPT + extraNulls}`],
			['unknown_type', '1', 'body line 9999']
		]);
		// Every record is in a row's count.
		expect(rows.reduce((n, r) => n + Number(r[col('count')]), 0)).toBe(p.counts.rejected);
		// The next batch starts with none kept.
		p.addLine('null', 'next', '1');
		await p.flush();
		expect(entries[1]!.blocks.find((b) => b.table === 'rejected_records')!.rows).toBe(1);
	});
});
