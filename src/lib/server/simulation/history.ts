/**
 * Simulated history through the real ingest path: the simulator's `contact` lines go
 * through the same parser, pipeline, spool and writer as a PBX's data. The stream is
 * deterministic for a seed and range, so an interrupted backfill resumes where it stopped.
 */
import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import { queryRows } from '../clickhouse/sql.ts';
import type { IngestWriter } from '../../../../ingest/ingestWriter.ts';
import { ingestLines, type LinesResult } from '../../../../ingest/sources/lineSource.ts';
import { liveDayStart, simulateHistory, type SimParamsOverrides } from '../../../../ingest/simulator/index.ts';

export type HistoryRange = { seed: number; from: Date; to: Date };

/**
 * `years` back to the start of the centre's today: the live simulator covers today from
 * midnight, so history must stop there or today would be counted twice.
 */
export function historyRange(config: Config, years: number, seed: number, now = Date.now()): HistoryRange {
	const to = liveDayStart(config, new Date(now));
	const from = new Date(Date.UTC(to.getUTCFullYear() - years, to.getUTCMonth(), to.getUTCDate()));
	return { seed, from, to };
}

export async function simulatedCounts(db: ClickHouseClient): Promise<{ simulated: number; real: number }> {
	const [row] = await queryRows<{ simulated_contacts: number; real_contacts: number }>(db, 'simulated/count');
	return { simulated: row?.simulated_contacts ?? 0, real: row?.real_contacts ?? 0 };
}

/** Other parameters make another stream: its checkpoint must not resume (or skip) this one's. */
function paramsTag(params: SimParamsOverrides | undefined): string {
	return params === undefined ? '' : `:${createHash('sha1').update(JSON.stringify(params)).digest('hex').slice(0, 12)}`;
}

export async function backfillHistory(opts: {
	db: ClickHouseClient;
	writer: IngestWriter;
	config: Config;
	range: HistoryRange;
	/** Simulator parameters other than our centre's (the benchmark scales the volume). */
	params?: SimParamsOverrides;
	onProgress?: (lines: number) => void;
	signal?: AbortSignal;
}): Promise<LinesResult> {
	const { seed, from, to } = opts.range;
	return ingestLines({
		lines: simulateHistory({ config: opts.config, seed, from, to, params: opts.params }),
		sourceId: `sim:history:${seed}:${from.toISOString()}:${to.toISOString()}${paramsTag(opts.params)}`,
		label: 'simulator',
		format: 'ndjson',
		config: opts.config,
		db: opts.db,
		writer: opts.writer,
		onProgress: (n) => opts.onProgress?.(n),
		signal: opts.signal
	});
}
