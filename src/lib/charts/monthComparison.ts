import type { EChartsOption } from 'echarts';
import type { ComparisonPoint } from './reportTypes.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';
import { METRIC_NAMES } from '../i18n/dashboard.ts';
import type { PeriodMetric } from '../metrics/definitions.ts';

/** Counts share one axis; rates and durations are compared in the report's table instead. */
const COUNTS: readonly string[] = ['offered', 'answered', 'abandoned', 'short_abandoned'];

const PERIODS = {
	lt: { current: 'Šis mėnuo', previousMonth: 'Ankstesnis mėnuo', sameMonthLastYear: 'Tas pats mėnuo pernai' },
	en: { current: 'This month', previousMonth: 'Previous month', sameMonthLastYear: 'Same month last year' }
} as const;

/** The month's counts (offered, answered, abandons) beside the previous month's and a year before's. */
export function monthComparisonOption(points: readonly ComparisonPoint[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	const counts = points.filter((p) => COUNTS.includes(p.metric));
	const names = PERIODS[theme.lang];
	const bar = (id: keyof typeof names, color: string) => ({
		id,
		name: names[id],
		type: 'bar' as const,
		color,
		tooltip: { valueFormatter: f.count },
		data: counts.map((p) => p[id])
	});
	return {
		...baseOption(theme),
		tooltip: { trigger: 'axis', valueFormatter: f.count },
		xAxis: {
			type: 'category',
			axisLabel: { interval: 0, width: 110, overflow: 'break', lineHeight: 14 },
			data: counts.map((p) => METRIC_NAMES[p.metric as PeriodMetric]?.[theme.lang] ?? p.metric)
		},
		yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => f.count(v) } },
		series: [bar('sameMonthLastYear', theme.colors.muted), bar('previousMonth', theme.colors.secondary), bar('current', theme.colors.primary)]
	};
}
