import type { EChartsOption } from 'echarts';
import type { MonthlyPoint } from './types.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';
import { partialBar, partialText } from './partial.ts';
import { panelGrids, panelTitles } from './panels.ts';

/**
 * Calls per month (bars) above their year-on-year change (line, own panel, gaps where unknown).
 * The month in progress is outlined and labelled "iki gruodžio 4 d."; its change is against the
 * same days of the year before (trends.ts).
 */
export function monthlyCallsOption(points: readonly MonthlyPoint[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	return {
		...baseOption(theme),
		tooltip: {
			trigger: 'axis',
			valueFormatter: (v) => (typeof v === 'number' && Math.abs(v) < 100 && !Number.isInteger(v) ? f.change(v) : f.count(v))
		},
		// Two panels, one measure each: calls above, their change below on its own axis.
		title: panelTitles([f.t('series.offered'), f.t('series.yoy')], 'column', theme.colors.text),
		grid: panelGrids(2, 'column'),
		xAxis: [0, 1].map((i) => ({
			type: 'category' as const,
			gridIndex: i,
			data: points.map((p) => (p.partial ? `${f.month(p.month)}\n${partialText(p.partial, theme.lang)}` : f.month(p.month))),
			axisLabel: { show: i === 1 }
		})),
		yAxis: [
			{ type: 'value', gridIndex: 0, minInterval: 1, axisLabel: { formatter: (v: number) => f.count(v) } },
			{ type: 'value', gridIndex: 1, axisLabel: { formatter: (v: number) => f.change(v) } }
		],
		series: [
			{ id: 'offered', name: f.t('series.offered'), type: 'bar', color: theme.colors.primary, data: points.map((p) => (p.partial ? partialBar(p.offered, theme.colors.primary) : p.offered)) },
			{
				id: 'yoy',
				name: f.t('series.yoy'),
				type: 'line',
				xAxisIndex: 1,
				yAxisIndex: 1,
				color: theme.colors.secondary,
				connectNulls: false,
				tooltip: { valueFormatter: f.change },
				data: points.map((p) => p.yoy)
			}
		]
	};
}
