import type { EChartsOption } from 'echarts';
import type { IntradayPoint, IntradaySlot, OpeningHours } from './types.ts';
import { baseOption, chartFormat, type ChartTheme } from './theme.ts';
import { fillKeys, QUARTER_HOURS } from './fill.ts';
import { panelGrids, panelTitles } from './panels.ts';

const empty = (): IntradaySlot => ({ offered: 0, avgWaitS: null, serviceLevel: null });

/** The quarter hours outside opening hours, summed into one: offered added, waits weighted by offered. */
function collapse(slots: readonly IntradaySlot[]): IntradaySlot {
	const offered = slots.reduce((n, s) => n + s.offered, 0);
	const weighted = slots.filter((s) => s.avgWaitS !== null && s.offered > 0);
	const waited = weighted.reduce((n, s) => n + s.offered, 0);
	return {
		offered,
		avgWaitS: waited > 0 ? weighted.reduce((n, s) => n + s.avgWaitS! * s.offered, 0) / waited : null,
		// Service level leaves short abandons out, which a slot does not keep: not summed.
		serviceLevel: null
	};
}

export type IntradayOptions = {
	/** Opening hours: the quarter hours before and after are collapsed into one bar each. */
	hours?: OpeningHours | null;
	/** The day's name in the legend when it is not today ("2025-12-31"). */
	dayLabel?: string;
};

/**
 * A day against the same weekday the week before by quarter hour, in three panels, one measure
 * each: offered (bars), average wait of all callers (lines) and service level (lines, hidden
 * until picked in the legend).
 * With opening hours, the open quarter hours are shown and the rest of the day collapsed into
 * "before 08:00" and "after 17:00" (nothing is dropped: calls outside hours are still counted);
 * otherwise all 96 slots, so a day with gaps still lines up with the one before.
 */
export function intradayOption(slots: readonly IntradayPoint[], theme: ChartTheme, opts: IntradayOptions = {}): EChartsOption {
	const f = chartFormat(theme);
	let filled = fillKeys(slots, (s) => s.slot, QUARTER_HOURS, (slot) => ({ slot, today: empty(), lastWeek: empty() }));
	const hours = opts.hours;
	if (hours && hours.open < hours.close) {
		const before = filled.filter((s) => s.slot < hours.open);
		const after = filled.filter((s) => s.slot >= hours.close);
		const bin = (label: string, part: typeof filled) => ({ slot: label, today: collapse(part.map((s) => s.today)), lastWeek: collapse(part.map((s) => s.lastWeek)) });
		filled = [
			...(before.length ? [bin(f.t('intraday.before', { time: hours.open }), before)] : []),
			...filled.filter((s) => s.slot >= hours.open && s.slot < hours.close),
			...(after.length ? [bin(f.t('intraday.after', { time: hours.close }), after)] : [])
		];
	}
	const today = opts.dayLabel ?? f.t('series.today');
	const week = f.t('series.lastWeek');
	const names = {
		offeredToday: `${f.t('series.offered')} · ${today}`,
		offeredWeek: `${f.t('series.offered')} · ${week}`,
		waitToday: `${f.t('series.avgWait')} · ${today}`,
		waitWeek: `${f.t('series.avgWait')} · ${week}`,
		slToday: `${f.t('series.serviceLevel')} · ${today}`,
		slWeek: `${f.t('series.serviceLevel')} · ${week}`
	};
	return {
		...baseOption(theme),
		// The default for a new chart only: Chart.svelte stops sending `selected` once the user has
		// used the legend, so a refresh does not hide again the service level they switched on.
		legend: { top: 0, type: 'scroll', selected: { [names.slToday]: false, [names.slWeek]: false } },
		tooltip: { trigger: 'axis' },
		title: panelTitles([f.t('series.offered'), f.t('series.avgWait'), f.t('series.serviceLevel')], 'column', theme.colors.text),
		grid: panelGrids(3, 'column'),
		xAxis: [0, 1, 2].map((i) => ({ type: 'category' as const, gridIndex: i, data: filled.map((s) => s.slot), axisLabel: { show: i === 2 } })),
		yAxis: [
			{ type: 'value', gridIndex: 0, minInterval: 1, axisLabel: { formatter: (v: number) => f.count(v) } },
			{ type: 'value', gridIndex: 1, axisLabel: { formatter: (v: number) => f.seconds(v) } },
			{ type: 'value', gridIndex: 2, min: 0, max: 1, axisLabel: { formatter: (v: number) => f.percent(v) } }
		],
		series: [
			{ id: 'offeredToday', name: names.offeredToday, type: 'bar', color: theme.colors.primary, tooltip: { valueFormatter: f.count }, data: filled.map((s) => s.today.offered) },
			{ id: 'offeredWeek', name: names.offeredWeek, type: 'bar', color: theme.colors.muted, tooltip: { valueFormatter: f.count }, data: filled.map((s) => s.lastWeek.offered) },
			{ id: 'waitToday', name: names.waitToday, type: 'line', xAxisIndex: 1, yAxisIndex: 1, color: theme.colors.warn, showSymbol: false, tooltip: { valueFormatter: f.seconds }, data: filled.map((s) => s.today.avgWaitS) },
			{ id: 'waitWeek', name: names.waitWeek, type: 'line', xAxisIndex: 1, yAxisIndex: 1, color: theme.colors.warn, lineStyle: { type: 'dashed' }, showSymbol: false, tooltip: { valueFormatter: f.seconds }, data: filled.map((s) => s.lastWeek.avgWaitS) },
			{ id: 'slToday', name: names.slToday, type: 'line', xAxisIndex: 2, yAxisIndex: 2, color: theme.colors.good, showSymbol: false, tooltip: { valueFormatter: f.percent }, data: filled.map((s) => s.today.serviceLevel) },
			{ id: 'slWeek', name: names.slWeek, type: 'line', xAxisIndex: 2, yAxisIndex: 2, color: theme.colors.good, lineStyle: { type: 'dashed' }, showSymbol: false, tooltip: { valueFormatter: f.percent }, data: filled.map((s) => s.lastWeek.serviceLevel) }
		]
	};
}
