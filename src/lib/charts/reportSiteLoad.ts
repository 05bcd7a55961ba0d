import type { EChartsOption } from 'echarts';
import type { SiteLoadPoint } from './reportTypes.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';
import { METRIC_NAMES } from '../i18n/dashboard.ts';

/** A month's answered calls per site (bars) and each site's share of them (line, right axis). */
export function reportSiteLoadOption(points: readonly SiteLoadPoint[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	return {
		...baseOption(theme),
		tooltip: { trigger: 'axis' },
		xAxis: { type: 'category', data: points.map((p) => f.site(p.site)) },
		yAxis: [
			{ type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => f.count(v) } },
			{ type: 'value', min: 0, max: 1, splitLine: { show: false }, axisLabel: { formatter: (v: number) => f.percent(v) } }
		],
		series: [
			{
				id: 'answered',
				name: METRIC_NAMES.answered[theme.lang],
				type: 'bar',
				color: theme.colors.primary,
				label: { show: true, position: 'top', formatter: (p: { value: unknown }) => f.count(p.value) },
				tooltip: { valueFormatter: f.count },
				data: points.map((p) => p.answered)
			},
			{ id: 'share', name: f.t('series.share'), type: 'line', yAxisIndex: 1, color: theme.colors.warn, tooltip: { valueFormatter: f.percent }, data: points.map((p) => p.share) }
		]
	};
}
