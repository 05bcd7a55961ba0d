/** What operators see of the worker on /metrics. */
import { counter, gauge, histogram } from '../src/lib/server/observability/metrics.ts';

export const ingestMetrics = {
	records: counter('callboard_ingest_records_total', 'Input records by format and result', ['format', 'result'] as const),
	rejected: counter('callboard_ingest_rejected_total', 'Rejected input records by format and reason class (ingest/parsers/rejectReasons.ts)', ['format', 'reason'] as const),
	batches: counter('callboard_ingest_batches_total', 'Batches by result (inserted, spooled, replayed)', ['result'] as const),
	rows: counter('callboard_ingest_rows_total', 'Rows inserted by table', ['table'] as const),
	flushSeconds: histogram('callboard_ingest_flush_seconds', 'Time to write one batch (spool, insert, checkpoint)', [
		0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
	]),
	lagSeconds: gauge('callboard_ingest_lag_seconds', 'Now minus the newest event time written, by source', ['source'] as const),
	spoolBytes: gauge('callboard_ingest_spool_bytes', 'Bytes waiting in the local spool'),
	spoolEntries: gauge('callboard_ingest_spool_entries', 'Batches waiting in the local spool'),
	writeErrors: counter('callboard_ingest_write_errors_total', 'Failed writes to ClickHouse by class', ['class'] as const),
	openCalls: gauge('callboard_ingest_open_calls', 'Calls being assembled, by source', ['source'] as const)
};
