/**
 * How long rejected records are kept: a TTL on rejected_records, from the configuration
 * (ingest.rejectedRetentionDays, 90 days by default; migration 0009 sets the default). They are
 * there to find and fix a feed's mistakes, not history; without a limit a broken feed filled
 * the table for ever. Changed only when the configured number differs from the table's, since
 * MODIFY TTL rewrites the table's parts.
 */
import type { ClickHouseClient } from '@clickhouse/client';

export async function applyRejectedRetention(db: ClickHouseClient, days: number): Promise<boolean> {
	const rs = await db.query({
		query: `SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = 'rejected_records'`,
		format: 'JSONEachRow'
	});
	const [row] = await rs.json<{ engine_full: string }>();
	const current = /TTL toDateTime\(received_at\) \+ toIntervalDay\((\d+)\)/.exec(row?.engine_full ?? '');
	if (current && Number(current[1]) === days) return false;
	const whole = Math.trunc(days); // a number from the validated configuration, never input
	await db.command({ query: `ALTER TABLE rejected_records MODIFY TTL toDateTime(received_at) + INTERVAL ${whole} DAY` });
	return true;
}
