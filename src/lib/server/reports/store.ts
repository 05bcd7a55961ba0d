/**
 * Closed months, frozen: a stored report is never overwritten. Freezing a month that already
 * has a revision recalculates it and stores revision n + 1 with the list of changed figures,
 * but only when something changed (figures or definitions): storing an identical revision
 * would say nothing. Two processes freezing at once both aim at the same revision number;
 * the insert's deduplication token (month, filter, revision) keeps the first and drops the
 * second, so there is never a revision with two bodies.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';
import type { StatsFilter } from '../stats/periodStats.ts';
import { diffReports } from './diff.ts';
import type { MonthlyReport } from './types.ts';

/** 'all' for the whole centre; otherwise the filter's parts, in a fixed order. */
export function filterKey(f: StatsFilter): string {
	const parts = [f.topic && `topic=${f.topic}`, f.site && `site=${f.site}`, f.channel && `channel=${f.channel}`].filter(Boolean);
	return parts.length ? parts.join(';') : 'all';
}

type StoredRow = { revision: number; stored_ms: number | string; reason: string; report: string };

function fromRow(r: StoredRow): MonthlyReport {
	// The stored body already carries its StoredInfo (set before the insert).
	return JSON.parse(r.report) as MonthlyReport;
}

export async function latestStored(db: ClickHouseClient, month: string, filter: StatsFilter): Promise<MonthlyReport | null> {
	const rows = await queryRows<StoredRow>(db, 'reports/stored_latest', { month, filter_key: filterKey(filter) });
	return rows[0] ? fromRow(rows[0]) : null;
}

export async function storedRevision(db: ClickHouseClient, month: string, filter: StatsFilter, revision: number): Promise<MonthlyReport | null> {
	const rows = await queryRows<StoredRow>(db, 'reports/stored_revision', { month, filter_key: filterKey(filter), revision });
	return rows[0] ? fromRow(rows[0]) : null;
}

export type StoredListItem = {
	month: string;
	filterKey: string;
	revision: number;
	definitionsVersion: string;
	generatedAt: string;
	storedAt: string;
	reason: string;
	changes: number;
};

export async function listStored(db: ClickHouseClient, limit = 500): Promise<StoredListItem[]> {
	type Row = { month: string; filter_key: string; revision: number; definitions_version: string; generated_ms: number | string; stored_ms: number | string; reason: string; changes: number };
	const rows = await queryRows<Row>(db, 'reports/stored_list', { limit });
	return rows.map((r) => ({
		month: r.month,
		filterKey: r.filter_key,
		revision: Number(r.revision),
		definitionsVersion: r.definitions_version,
		generatedAt: new Date(Number(r.generated_ms)).toISOString(),
		storedAt: new Date(Number(r.stored_ms)).toISOString(),
		reason: r.reason,
		changes: Number(r.changes)
	}));
}

export type FreezeResult = { report: MonthlyReport; created: boolean };

/** Stores `fresh` as the month's next revision, unless it equals the stored one. */
export async function freezeReport(db: ClickHouseClient, fresh: MonthlyReport, reason: string, now = Date.now()): Promise<FreezeResult> {
	const before = await latestStored(db, fresh.month, fresh.filter);
	const changes = before ? diffReports(before, fresh) : [];
	if (before && changes.length === 0) return { report: before, created: false };
	const revision = (before?.stored?.revision ?? 0) + 1;
	const report: MonthlyReport = { ...fresh, recomputed: null, stored: { revision, storedAt: new Date(now).toISOString(), changes, reason } };
	const key = filterKey(fresh.filter);
	await db.insert({
		table: 'monthly_reports',
		values: [
			{
				month: fresh.month,
				filter_key: key,
				revision,
				definitions_version: fresh.definitions.version,
				generated_at: Date.parse(fresh.generatedAt),
				stored_at: now,
				reason,
				changes: changes.length,
				report: JSON.stringify(report)
			}
		],
		format: 'JSONEachRow',
		clickhouse_settings: { insert_deduplication_token: `report:${fresh.month}:${key}:${revision}` }
	});
	// Read back what won: another process may have stored this revision first.
	return { report: (await storedRevision(db, fresh.month, fresh.filter, revision)) ?? report, created: true };
}
