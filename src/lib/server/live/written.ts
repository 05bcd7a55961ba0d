/**
 * Open written work now (sql/queries/live/written_open.sql): callbacks asked for and not yet
 * made, e-inquiries and e-mails not yet answered, by kind and the centre's date they arrived.
 * One read a tick serves both the boards' backlogs (liveState.ts: callbacks and e-inquiries)
 * and the supervisor's written queues (now.ts: e-mail too); it scans weeks of events, the
 * costliest of the tick's queries, so it is not made twice.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import { queryRows } from '../clickhouse/sql.ts';

export type WrittenRow = { kind: string; day: string; open: number | string };

/** Open written work is looked for this far back (20 working days and more). */
export const WRITTEN_HORIZON_MS = 60 * 86_400_000;

export function readWrittenOpen(db: ClickHouseClient, config: Config, now: number): Promise<WrittenRow[]> {
	return queryRows<WrittenRow>(db, 'live/written_open', { since: now - WRITTEN_HORIZON_MS, tz: config.timeZone });
}
