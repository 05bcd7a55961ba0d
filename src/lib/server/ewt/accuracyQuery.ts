/**
 * Estimated-wait accuracy over a period, from stored estimates and the callers' outcomes
 * (GET /api/ewt/accuracy, the dashboard and the monthly report). ClickHouse adds up the sums;
 * the metrics come from accuracy.ts, their one definition.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';
import { accuracyFromSums, type AccuracyReport } from './accuracy.ts';

/** Figures with nothing to measure (no caller scored) are NaN, which JSON sends as null. */
export type EwtAccuracyRow = AccuracyReport & {
	/** null: all topics. */
	topic: string | null;
	/** The centre's local hour of arrival, 0–23; null: all hours. */
	hour: number | null;
	/** An estimator of estimators.ts, or 'announced' (what the IVR actually said). */
	method: string;
	/** Answered callers with an estimate: what the error metrics are over (= scored). */
	n: number;
};

type SumsRow = {
	topic_key: string;
	hour_key: number;
	method_key: string;
	scored: number;
	unestimated: number;
	abandoned: number;
	abandoned_wait_s: number;
	abandoned_early: number;
	sum_actual_s: number;
	sum_squared_err: number;
	sum_err: number;
	sum_abs_err: number;
	within_30s: number;
	within_20pct: number;
};

export async function ewtAccuracy(
	db: ClickHouseClient,
	range: { fromMs: number; toMs: number },
	filter: { topic: string | null; channel: string | null },
	timeZone: string
): Promise<EwtAccuracyRow[]> {
	const rows = await queryRows<SumsRow>(db, 'ewt/accuracy_sums', {
		from: range.fromMs,
		to: range.toMs,
		topic: filter.topic ?? '',
		channel: filter.channel ?? '',
		tz: timeZone
	});
	return rows.map((r) => {
		const report = accuracyFromSums({
			scored: Number(r.scored),
			unestimated: Number(r.unestimated),
			abandoned: Number(r.abandoned),
			abandonedWaitS: r.abandoned_wait_s,
			abandonedEarly: Number(r.abandoned_early),
			sumActualS: r.sum_actual_s,
			sumSquaredErr: r.sum_squared_err,
			sumErr: r.sum_err,
			sumAbsErr: r.sum_abs_err,
			within30s: Number(r.within_30s),
			within20pct: Number(r.within_20pct)
		});
		return {
			...report,
			topic: r.topic_key === '' ? null : r.topic_key,
			hour: r.hour_key < 0 ? null : r.hour_key,
			method: r.method_key,
			n: report.scored
		};
	});
}
