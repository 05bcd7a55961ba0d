import type { EChartsOption } from 'echarts';
import type { YearlyPoint } from './types.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';
import { fillKeys, rangeInclusive } from './fill.ts';
import { partialBar, partialText } from './partial.ts';

/**
 * Calls offered per year: one bar per calendar year, missing years as 0. A year the figures
 * cover only in part (the first of the history, the current one to date) is outlined and its
 * label says so ("2026 iki gruodžio 4 d."), so it is not read as a fall beside whole years.
 */
export function yearlyVolumeOption(points: readonly YearlyPoint[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	const years = points.length ? rangeInclusive(points[0]!.year, points.at(-1)!.year) : [];
	const filled = fillKeys(points, (p) => p.year, years, (year): YearlyPoint => ({ year, offered: 0 }));
	const label = (p: YearlyPoint) => (p.partial ? `${p.year}\n${partialText(p.partial, theme.lang)}` : String(p.year));
	return {
		...baseOption(theme),
		legend: { show: false },
		tooltip: { trigger: 'axis', valueFormatter: f.count },
		xAxis: { type: 'category', data: filled.map(label), axisLabel: { interval: 0 } },
		yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => f.count(v) } },
		series: [
			{
				id: 'offered',
				name: f.t('series.offered'),
				type: 'bar',
				color: theme.colors.primary,
				data: filled.map((p) => (p.partial ? partialBar(p.offered, theme.colors.primary) : p.offered))
			}
		]
	};
}
