import type { EChartsOption } from 'echarts';
import type { ComparisonPoint } from './reportTypes.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';
import { METRIC_NAMES } from '../i18n/dashboard.ts';
import type { PeriodMetric } from '../metrics/definitions.ts';
import { panelGrids, panelTitles } from './panels.ts';

/** Counts only; rates and durations are compared in the report's table instead. */
const COUNTS: readonly string[] = ['offered', 'answered', 'abandoned', 'short_abandoned'];

const PERIODS = {
	lt: { current: 'Šis mėnuo', previousMonth: 'Ankstesnis mėnuo', sameMonthLastYear: 'Tas pats mėnuo pernai' },
	en: { current: 'This month', previousMonth: 'Previous month', sameMonthLastYear: 'Same month last year' }
} as const;

/**
 * The month's counts (offered, answered, abandons) beside the previous month's and a year
 * before's: one panel per count, each on its own axis (small multiples), so 3,000 abandons are
 * not flattened under 88,000 offered.
 */
export function monthComparisonOption(points: readonly ComparisonPoint[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	const counts = points.filter((p) => COUNTS.includes(p.metric));
	const names = PERIODS[theme.lang];
	const metricName = (p: ComparisonPoint) => METRIC_NAMES[p.metric as PeriodMetric]?.[theme.lang] ?? p.metric;
	const periods = [
		['sameMonthLastYear', theme.colors.muted],
		['previousMonth', theme.colors.secondary],
		['current', theme.colors.primary]
	] as const;
	return {
		...baseOption(theme),
		title: panelTitles(counts.map(metricName), 'row', theme.colors.text),
		grid: panelGrids(counts.length, 'row'),
		tooltip: { trigger: 'axis', valueFormatter: f.count },
		xAxis: counts.map((p, i) => ({ type: 'category' as const, gridIndex: i, data: [metricName(p)], axisLabel: { show: false } })),
		yAxis: counts.map((_, i) => ({ type: 'value' as const, gridIndex: i, minInterval: 1, axisLabel: { formatter: (v: number) => f.count(v) } })),
		series: counts.flatMap((p, i) =>
			periods.map(([id, color]) => ({
				id: `${id}:${p.metric}`,
				name: names[id],
				type: 'bar' as const,
				color,
				xAxisIndex: i,
				yAxisIndex: i,
				tooltip: { valueFormatter: f.count },
				data: [p[id]]
			}))
		)
	};
}
