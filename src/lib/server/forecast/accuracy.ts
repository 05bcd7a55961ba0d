/**
 * The one scoring of stored forecasts (sql/queries/forecast/accuracy.sql): MAPE and bias per
 * topic, channel and horizon over the intervals in [fromMs, toMs), each interval's first
 * forecast made. The dashboard's panel (last 28 days) and the monthly report (its month) both
 * call this, so the two never define accuracy differently.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';

export type AccuracyRow = { topic: string; channel: string; horizon: string; intervals: number; mape: number | null; bias: number | null };

const chTime = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');

export async function forecastAccuracy(db: ClickHouseClient, fromMs: number, toMs: number): Promise<AccuracyRow[]> {
	const rows = await queryRows<AccuracyRow>(db, 'forecast/accuracy', { from: chTime(fromMs), to: chTime(toMs) });
	return rows.map((r) => ({ ...r, intervals: Number(r.intervals), mape: r.mape === null ? null : Number(r.mape), bias: r.bias === null ? null : Number(r.bias) }));
}
