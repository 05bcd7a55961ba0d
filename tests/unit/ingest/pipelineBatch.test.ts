/**
 * What one batch of a source pipeline hands the writer (ingest/pipeline.ts), without an engine:
 * the blocks' rows, batch-level contact deduplication, positions of file lines.
 */
import { describe, expect, it } from 'vitest';
import { SourcePipeline } from '../../../ingest/pipeline.ts';
import type { IngestWriter } from '../../../ingest/ingestWriter.ts';
import type { SpoolEntry } from '../../../ingest/spool.ts';
import { loadConfig } from '../../../src/lib/server/config/index.ts';

const config = loadConfig({});

async function pipeline(format: 'ndjson' | 'queue-log' = 'ndjson') {
	const entries: SpoolEntry[] = [];
	const writer = {
		spool: { latestCheckpoint: () => ({ sourceId: 's', position: '', state: '' }) },
		pending: 0,
		commit: async (entry: SpoolEntry) => (entries.push(entry), 'inserted' as const)
	} as unknown as IngestWriter;
	const p = await SourcePipeline.open(null as never, { sourceId: 's', label: 'test', format, config, writer });
	return { p, entries };
}

const contact = (id: string, outcome: string, answered: boolean) =>
	JSON.stringify({
		type: 'contact', contact_id: id, channel: 'voice', topic: 'pensions', agent: answered ? 'ona' : null,
		queued_at: '2026-11-24T08:00:00Z', answered_at: answered ? '2026-11-24T08:00:10Z' : null, ended_at: '2026-11-24T08:05:00Z',
		outcome, wait_ms: 10_000, talk_ms: answered ? 290_000 : 0, hold_ms: 0, wrap_ms: 0
	});

describe('a batch', () => {
	it('keeps one contact row per id, the answered one, where the id first appeared', async () => {
		const { p, entries } = await pipeline();
		p.addLine(contact('a', 'abandoned', false), 'l1', '1');
		p.addLine(contact('b', 'abandoned', false), 'l2', '2');
		p.addLine(contact('a', 'answered', true), 'l3', '3');
		await p.flush();
		const block = entries[0]!.blocks.find((b) => b.table === 'contacts')!;
		expect(block.rows).toBe(2);
		const rows = block.tsv.trimEnd().split('\n').map((l) => l.split('\t'));
		expect(rows.map((r) => [r[0], r[9]])).toEqual([['a', 'answered'], ['b', 'abandoned']]);
		// The next batch starts clean.
		p.addLine(contact('a', 'left', false), 'l4', '4');
		await p.flush();
		expect(entries[1]!.blocks.find((b) => b.table === 'contacts')!.tsv.split('\t')[9]).toBe('left');
	});

	it('writes call events as TabSeparated rows, and file lines end where the last one ended', async () => {
		const { p, entries } = await pipeline('queue-log');
		p.addFileLine('1790000000|17.1|pensions|NONE|ENTERQUEUE||370|1', 'queue_log', 1, 47);
		p.addFileLine('1790000005|17.1|pensions|NONE|ABANDON|1|1|5', 'queue_log', 2, 93);
		p.addFileLine('not a line', 'queue_log', 3, 104);
		expect(p.position).toBe('104:3');
		await p.flush();
		const [entry] = entries;
		expect(entry!.checkpoint!.position).toBe('104:3');
		const calls = entry!.blocks.find((b) => b.table === 'call_events')!;
		expect(calls.rows).toBe(2);
		expect(calls.tsv.trimEnd().split('\n').map((l) => l.split('\t')[3])).toEqual(['queued', 'abandoned']);
		expect(Buffer.from(calls.tsv).equals(calls.bytes!)).toBe(true);
		const rejected = entry!.blocks.find((b) => b.table === 'rejected_records')!;
		expect(rejected.tsv.split('\t')[3]).toBe('queue_log:3');
		expect(entry!.blocks.find((b) => b.table === 'contacts')!.rows).toBe(1);
	});
});
