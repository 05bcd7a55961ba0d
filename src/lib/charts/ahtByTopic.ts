import type { EChartsOption } from 'echarts';
import type { AhtPoint } from './types.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';

/** AHT per topic as stacked talk + hold + wrap-up bars (seconds per answered contact). */
export function ahtByTopicOption(points: readonly AhtPoint[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	const part = (id: 'talk' | 'hold' | 'wrap', color: string, pick: (p: AhtPoint) => number | null) => ({
		id,
		name: f.t(`series.${id}`),
		type: 'bar' as const,
		stack: 'aht',
		color,
		data: points.map(pick)
	});
	return {
		...baseOption(theme),
		tooltip: { trigger: 'axis', valueFormatter: f.seconds },
		xAxis: { type: 'category', axisLabel: { interval: 0, width: 90, overflow: 'break', lineHeight: 14 }, data: points.map((p) => f.topic(p.topic)) },
		yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.seconds(v) } },
		series: [
			part('talk', theme.colors.primary, (p) => p.talkS),
			part('hold', theme.colors.secondary, (p) => p.holdS),
			part('wrap', theme.colors.accent, (p) => p.wrapS)
		]
	};
}
