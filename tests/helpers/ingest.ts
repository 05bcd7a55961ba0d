/** Runs the real ingest path (pipeline → spool → writer → ClickHouse) for tests. */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../../src/lib/server/config/schema.ts';
import { IngestWriter } from '../../ingest/ingestWriter.ts';
import { Spool } from '../../ingest/spool.ts';
import { ingestFile } from '../../ingest/sources/fileSource.ts';
import type { FormatName } from '../../ingest/types.ts';
import { queryRows } from '../../src/lib/server/clickhouse/sql.ts';

export function newWriter(db: ClickHouseClient, config: Config): IngestWriter {
	return new IngestWriter(db, new Spool(config.ingest.spoolDir, config.ingest.spoolMaxBytes), () => {}, { fromFiles: !config.clickhouse.url });
}

export async function ingestPath(db: ClickHouseClient, config: Config, path: string, format: FormatName, label?: string, parseInWorker?: boolean) {
	const writer = newWriter(db, config);
	try {
		return await ingestFile({ path, format, config, db, writer, label, parseInWorker });
	} finally {
		await writer.stop();
	}
}

export type SourceTotals = {
	source: string;
	offered: number;
	answered: number;
	abandoned: number;
	short_abandoned: number;
	unknown: number;
	talk_ms: number;
	hold_ms: number;
	wrap_ms: number;
	wait_answered_ms: number;
	wait_abandoned_ms: number;
	duplicate_ids: number;
};

export async function totalsBySource(db: ClickHouseClient): Promise<Record<string, SourceTotals>> {
	const rows = await queryRows<SourceTotals>(db, 'test/contact_totals_by_source');
	return Object.fromEntries(rows.map((r) => [r.source, r]));
}

export type TableCounts = {
	call_events: number;
	agent_events: number;
	contacts: number;
	rollup_offered: number;
	rollup_answered: number;
	rollup_talk_ms: number;
	rollup_1h_offered: number;
	rejected: number;
};

export async function tableCounts(db: ClickHouseClient): Promise<TableCounts> {
	return (await queryRows<TableCounts>(db, 'test/table_counts'))[0]!;
}
