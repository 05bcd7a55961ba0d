import type { EChartsOption } from 'echarts';
import type { SiteLoadPoint } from './reportTypes.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';
import { METRIC_NAMES } from '../i18n/dashboard.ts';
import { panelGrids, panelTitles } from './panels.ts';

/** A month's answered calls per site and each site's share of them: two panels, one measure each. */
export function reportSiteLoadOption(points: readonly SiteLoadPoint[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	const sites = points.map((p) => f.site(p.site));
	const answered = METRIC_NAMES.answered[theme.lang];
	const share = f.t('series.share');
	return {
		...baseOption(theme),
		title: panelTitles([answered, share], 'row', theme.colors.text),
		grid: panelGrids(2, 'row'),
		tooltip: { trigger: 'axis' },
		xAxis: [0, 1].map((i) => ({ type: 'category' as const, gridIndex: i, data: sites })),
		yAxis: [
			{ type: 'value', gridIndex: 0, minInterval: 1, axisLabel: { formatter: (v: number) => f.count(v) } },
			{ type: 'value', gridIndex: 1, min: 0, max: 1, axisLabel: { formatter: (v: number) => f.percent(v) } }
		],
		series: [
			{
				id: 'answered',
				name: answered,
				type: 'bar',
				color: theme.colors.primary,
				label: { show: true, position: 'top', formatter: (p: { value: unknown }) => f.count(p.value) },
				tooltip: { valueFormatter: f.count },
				data: points.map((p) => p.answered)
			},
			{
				id: 'share',
				name: share,
				type: 'bar',
				xAxisIndex: 1,
				yAxisIndex: 1,
				color: theme.colors.warn,
				label: { show: true, position: 'top', formatter: (p: { value: unknown }) => f.percent(p.value) },
				tooltip: { valueFormatter: f.percent },
				data: points.map((p) => p.share)
			}
		]
	};
}
