import type { EChartsOption } from 'echarts';
import type { LiveTopic } from '../live/protocol.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';

/**
 * The queue now, per topic: callers waiting against consultants available and serving.
 * Series ids are fixed so a live tick merges into the drawn chart instead of redrawing it.
 */
export function liveQueueOption(topics: readonly LiveTopic[], theme: ChartTheme): EChartsOption {
	const f = chartFormat(theme);
	return {
		...baseOption(theme),
		tooltip: { trigger: 'axis', valueFormatter: f.count },
		xAxis: { type: 'category', axisLabel: { interval: 0, width: 90, overflow: 'break', lineHeight: 14 }, data: topics.map((t) => f.topic(t.topic)) },
		yAxis: { type: 'value', minInterval: 1 },
		series: [
			{ id: 'waiting', name: f.t('series.waiting'), type: 'bar', color: theme.colors.warn, label: { show: true, position: 'top' }, data: topics.map((t) => t.waiting) },
			{ id: 'available', name: f.t('series.available'), type: 'bar', color: theme.colors.good, data: topics.map((t) => t.agentsAvailable) },
			{ id: 'serving', name: f.t('series.serving'), type: 'bar', color: theme.colors.muted, data: topics.map((t) => t.agentsServing) }
		]
	};
}
