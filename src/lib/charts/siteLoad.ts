import type { EChartsOption } from 'echarts';
import type { LiveSite } from '../live/protocol.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';
import { panelGrids, panelTitles } from './panels.ts';

/**
 * Per site: consultants by state now (stacked bars) and the share of today's answered calls:
 * two panels, one measure each (a count and a % on two axes of one chart read against each other).
 */
export function siteLoadOption(sites: readonly LiveSite[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	const names = sites.map((s) => f.site(s.site));
	const state = (id: 'onCall' | 'wrapUp' | 'available' | 'notReady', color: string, pick: (s: LiveSite) => number) => ({
		id,
		name: f.t(`series.${id}`),
		type: 'bar' as const,
		stack: 'agents',
		color,
		tooltip: { valueFormatter: f.count },
		data: sites.map(pick)
	});
	return {
		...baseOption(theme),
		title: panelTitles([f.t('series.consultants'), f.t('series.share')], 'row', theme.colors.text),
		grid: panelGrids(2, 'row'),
		tooltip: { trigger: 'axis' },
		xAxis: [0, 1].map((i) => ({ type: 'category' as const, gridIndex: i, data: names })),
		yAxis: [
			{ type: 'value', gridIndex: 0, minInterval: 1 },
			{ type: 'value', gridIndex: 1, min: 0, max: 1, axisLabel: { formatter: (v: number) => f.percent(v) } }
		],
		series: [
			state('onCall', theme.colors.primary, (s) => s.onCall),
			state('wrapUp', theme.colors.secondary, (s) => s.wrapUp),
			state('available', theme.colors.good, (s) => s.available),
			state('notReady', theme.colors.muted, (s) => s.notReady),
			{ id: 'share', name: f.t('series.share'), type: 'bar', xAxisIndex: 1, yAxisIndex: 1, color: theme.colors.warn, tooltip: { valueFormatter: f.percent }, data: sites.map((s) => s.shareOfLoad) }
		]
	};
}
