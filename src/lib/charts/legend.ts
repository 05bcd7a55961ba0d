/**
 * Legend choices a user makes must survive live updates (Chart.svelte merges every update).
 */
import type { EChartsOption, LegendComponentOption } from 'echarts';

/**
 * `option` without `legend.selected`. A builder's `selected` is the chart's default, but
 * ECharts merges it over the legend's state on every setOption, so each refresh would hide
 * again the series the user had just switched on. Without the key the legend keeps its state.
 */
export function withoutLegendSelection(option: EChartsOption): EChartsOption {
	const strip = ({ selected: _, ...rest }: LegendComponentOption): LegendComponentOption => rest;
	const legend = option.legend;
	if (legend === undefined) return option;
	return { ...option, legend: Array.isArray(legend) ? legend.map(strip) : strip(legend) };
}

/** Every way a legend's selection changes: a click, and the all / inverse selector buttons. */
export const LEGEND_EVENTS = ['legendselectchanged', 'legendselected', 'legendunselected', 'legendselectall', 'legendinverseselect'];
