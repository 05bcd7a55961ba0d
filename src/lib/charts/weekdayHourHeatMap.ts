import type { EChartsOption } from 'echarts';
import type { HeatCell } from './reportTypes.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';

const WEEKDAYS = {
	lt: ['Pirm.', 'Antr.', 'Treč.', 'Ketv.', 'Penkt.', 'Šešt.', 'Sekm.'],
	en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
} as const;

/**
 * Calls offered by weekday (rows, Monday on top) and hour of the local clock (columns), summed
 * over a month; darker is busier. Needs HeatmapChart and VisualMapComponent registered (ssr.ts).
 */
export function weekdayHourHeatMapOption(cells: readonly HeatCell[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	const max = Math.max(1, ...cells.map((c) => c.offered));
	return {
		...baseOption(theme),
		legend: { show: false },
		tooltip: { trigger: 'item' },
		grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
		xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => String(h)), splitArea: { show: true } },
		yAxis: { type: 'category', inverse: true, data: [...WEEKDAYS[theme.lang]], splitArea: { show: true } },
		visualMap: {
			type: 'continuous',
			min: 0,
			max,
			calculable: false,
			orient: 'horizontal',
			left: 'center',
			bottom: 0,
			itemHeight: 160,
			text: [f.count(max), f.count(0)],
			inRange: { color: ['#f5f7fa', theme.colors.primary] }
		},
		series: [
			{
				id: 'offered',
				name: f.t('series.offered'),
				type: 'heatmap',
				data: cells.map((c) => [c.hour, c.weekday - 1, c.offered]),
				tooltip: { valueFormatter: f.count }
			}
		]
	};
}
