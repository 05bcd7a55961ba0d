import type { EChartsOption } from 'echarts';
import type { LiveSite } from '../live/protocol.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';

/** Per site: consultants by state now (stacked bars) and the share of today's answered calls (line). */
export function siteLoadOption(sites: readonly LiveSite[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
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
		tooltip: { trigger: 'axis' },
		xAxis: { type: 'category', data: sites.map((s) => f.site(s.site)) },
		yAxis: [
			{ type: 'value', minInterval: 1 },
			{ type: 'value', min: 0, max: 1, splitLine: { show: false }, axisLabel: { formatter: (v: number) => f.percent(v) } }
		],
		series: [
			state('onCall', theme.colors.primary, (s) => s.onCall),
			state('wrapUp', theme.colors.secondary, (s) => s.wrapUp),
			state('available', theme.colors.good, (s) => s.available),
			state('notReady', theme.colors.muted, (s) => s.notReady),
			{ id: 'share', name: f.t('series.share'), type: 'line', yAxisIndex: 1, color: theme.colors.warn, tooltip: { valueFormatter: f.percent }, data: sites.map((s) => s.shareOfLoad) }
		]
	};
}
