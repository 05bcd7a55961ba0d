/**
 * Ingests a stream of lines that has no file: a generator (the simulator's history), stdin
 * already read. The position is the number of lines consumed; a deterministic stream is
 * resumed after a crash by skipping what the checkpoint says is done, and the same stream
 * again (same source id) is a no-op.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../../src/lib/server/config/schema.ts';
import type { IngestWriter } from '../ingestWriter.ts';
import { SourcePipeline, type Counts } from '../pipeline.ts';
import type { FormatName } from '../types.ts';

export type LinesResult = Counts & { alreadyDone: boolean; resumedAt: number; lines: number };

export async function ingestLines(opts: {
	lines: Iterable<string>;
	sourceId: string;
	label: string;
	format: FormatName;
	config: Config;
	db: ClickHouseClient;
	writer: IngestWriter;
	onProgress?: (linesDone: number, counts: Counts) => void;
	signal?: AbortSignal;
}): Promise<LinesResult> {
	const pipeline = await SourcePipeline.open(opts.db, {
		sourceId: opts.sourceId,
		label: opts.label,
		format: opts.format,
		config: opts.config,
		writer: opts.writer,
		recentWindow: 20_000
	});
	const [done, finished] = pipeline.position.split(':');
	const skip = Number(done) || 0;
	if (finished === 'end') return { ...pipeline.counts, alreadyDone: true, resumedAt: skip, lines: skip };
	let n = 0;
	for (const line of opts.lines) {
		if (opts.signal?.aborted) break;
		n++;
		if (n <= skip) continue;
		pipeline.addLine(line, `${opts.label}:${n}`, `${n}`);
		// A long backfill inside the server must not stall its requests: yield now and then.
		if (n % 2_000 === 0) await new Promise((r) => setImmediate(r));
		if (pipeline.bulkReady) {
			await opts.writer.waitForRoom();
			await pipeline.flush({ waitMs: 0 });
			opts.onProgress?.(n, pipeline.counts);
		}
	}
	// "N:end" marks the stream complete, so running it again changes nothing.
	if (!opts.signal?.aborted) pipeline.markPosition(`${n}:end`);
	await pipeline.flush({ waitMs: 0 });
	await opts.writer.flushed();
	return { ...pipeline.counts, alreadyDone: false, resumedAt: skip, lines: n };
}
