import type { EChartsOption } from 'echarts';
import type { YearlyPoint } from './types.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';
import { fillKeys, rangeInclusive } from './fill.ts';

/** Calls offered per year: one bar per calendar year, missing years as 0. */
export function yearlyVolumeOption(points: readonly YearlyPoint[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	const years = points.length ? rangeInclusive(points[0]!.year, points.at(-1)!.year) : [];
	const filled = fillKeys(points, (p) => p.year, years, (year) => ({ year, offered: 0 }));
	return {
		...baseOption(theme),
		legend: { show: false },
		tooltip: { trigger: 'axis', valueFormatter: f.count },
		xAxis: { type: 'category', data: filled.map((p) => String(p.year)) },
		yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => f.count(v) } },
		series: [{ id: 'offered', name: f.t('series.offered'), type: 'bar', color: theme.colors.primary, data: filled.map((p) => p.offered) }]
	};
}
