/**
 * The report a reader gets for a month (the page, the API, the CLI): a closed month's stored
 * revision when there is one, the centre-wide one being the only kind frozen on schedule;
 * otherwise (the current month, a filter never frozen, or ?fresh=1) computed now. A fresh
 * recalculation of a stored month carries the figures that differ from the stored revision.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import type { StatsFilter } from '../stats/periodStats.ts';
import { buildMonthlyReport, type BuildOptions } from './buildReport.ts';
import { diffReports } from './diff.ts';
import { latestStored, storedRevision } from './store.ts';
import type { ReportRequest } from './request.ts';
import type { MonthlyReport } from './types.ts';

export async function monthlyReport(
	db: ClickHouseClient,
	month: string,
	filter: StatsFilter,
	config: Config,
	opts: BuildOptions & { fresh?: boolean } = {}
): Promise<MonthlyReport> {
	const stored = await latestStored(db, month, filter);
	if (stored && !opts.fresh) return stored;
	const fresh = await buildMonthlyReport(db, month, filter, config, opts);
	if (!stored?.stored) return fresh;
	return { ...fresh, recomputed: { againstRevision: stored.stored.revision, storedAt: stored.stored.storedAt, changes: diffReports(stored, fresh) } };
}

/**
 * What a reader asked for (the page, the API, the CLI): a stored revision exactly as it was
 * frozen, null when the month has no such revision; otherwise the month's report as above.
 */
export async function requestedReport(
	db: ClickHouseClient,
	req: Pick<ReportRequest, 'month' | 'filter' | 'fresh' | 'revision'>,
	config: Config,
	opts: BuildOptions = {}
): Promise<MonthlyReport | null> {
	if (req.revision !== null) return storedRevision(db, req.month, req.filter, req.revision);
	return monthlyReport(db, req.month, req.filter, config, { ...opts, fresh: req.fresh });
}
