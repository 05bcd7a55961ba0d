import type { EChartsOption } from 'echarts';
import type { MonthlyWaitPoint } from './types.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';

/**
 * Average wait of all callers against ASA per month. The gap between the lines is the wait of
 * those who gave up: ASA alone looks good exactly when callers abandon.
 */
export function monthlyWaitsOption(points: readonly MonthlyWaitPoint[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	return {
		...baseOption(theme),
		tooltip: { trigger: 'axis', valueFormatter: f.seconds },
		xAxis: { type: 'category', data: points.map((p) => f.month(p.month)) },
		yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.seconds(v) } },
		dataZoom: [{ type: 'inside' }],
		series: [
			{ id: 'avgWait', name: f.t('series.avgWait'), type: 'line', color: theme.colors.warn, showSymbol: points.length < 3, data: points.map((p) => p.avgWaitS) },
			{ id: 'asa', name: f.t('series.asa'), type: 'line', color: theme.colors.primary, showSymbol: points.length < 3, data: points.map((p) => p.asaS) }
		]
	};
}
