/** Small builders for report tables: columns of the period metrics and their rows. */
import type { PeriodMetric, PeriodMetrics } from '../../metrics/definitions.ts';
import { METRIC_NAMES } from '../../i18n/dashboard.ts';
import type { Bilingual, ColumnFormat, ReportColumn, ReportRow, ReportTable } from './types.ts';

export const METRIC_FORMAT: Record<PeriodMetric, ColumnFormat> = {
	offered: 'int',
	answered: 'int',
	abandoned: 'int',
	short_abandoned: 'int',
	abandon_rate: 'pct',
	asa_s: 'seconds',
	avg_wait_s: 'seconds',
	service_level: 'pct',
	aht_s: 'seconds',
	talk_s: 'seconds',
	hold_s: 'seconds',
	wrap_s: 'seconds',
	max_wait_s: 'seconds'
};

/** Column titles say the unit for seconds, so a spreadsheet cell of 41.3 is not a mystery. */
export function metricColumn(m: PeriodMetric): ReportColumn {
	const unit = METRIC_FORMAT[m] === 'seconds' ? ', s' : '';
	return { key: m, lt: `${METRIC_NAMES[m].lt}${unit}`, en: `${METRIC_NAMES[m].en}${unit}`, format: METRIC_FORMAT[m] };
}

export const col = (key: string, title: Bilingual, format: ColumnFormat): ReportColumn => ({ key, ...title, format });

/** A row of metric values (exactly PeriodMetrics' numbers) under a label column. */
export function metricRow(labelKey: string, label: ReportRow[string], m: PeriodMetrics, metrics: readonly PeriodMetric[]): ReportRow {
	const row: ReportRow = { [labelKey]: label };
	for (const k of metrics) row[k] = m[k];
	return row;
}

export function table(key: string, title: Bilingual, columns: ReportColumn[], rows: ReportRow[], note?: Bilingual): ReportTable {
	return note ? { key, ...title, columns, rows, note } : { key, ...title, columns, rows };
}
