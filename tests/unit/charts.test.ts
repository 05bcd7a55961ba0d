/** The chart option builders: pure functions of (data, theme), checked without a DOM. */
import { describe, expect, it } from 'vitest';
import {
	ahtByTopicOption,
	chartTheme,
	intradayOption,
	liveQueueOption,
	monthlyCallsOption,
	monthlyWaitsOption,
	siteLoadOption,
	yearlyVolumeOption
} from '../../src/lib/charts/index.ts';
import type { LiveSite, LiveTopic } from '../../src/lib/live/protocol.ts';

const topics = { pensions: 'Pensijos', benefits: 'Išmokos' };
const lt = chartTheme('lt', { topics, sites: { siauliai: 'Šiauliai' } });
const en = chartTheme('en', { topics: { pensions: 'Pensions', benefits: 'Benefits' }, sites: { siauliai: 'Šiauliai' } });

type AnyOption = { series: { id: string; name: string; data: unknown[] }[]; xAxis: { data: string[] } | { data: string[] }[] };
const o = (x: unknown) => x as AnyOption;
const xData = (x: unknown) => {
	const axis = o(x).xAxis;
	return (Array.isArray(axis) ? axis[0]! : axis).data;
};
const series = (x: unknown, id: string) => o(x).series.find((s) => s.id === id)!;

describe('yearly volume', () => {
	it('fills missing years with 0, one bar per year', () => {
		const opt = yearlyVolumeOption([{ year: 2016, offered: 200_000 }, { year: 2019, offered: 400_000 }], lt);
		expect(xData(opt)).toEqual(['2016', '2017', '2018', '2019']);
		expect(series(opt, 'offered').data).toEqual([200_000, 0, 0, 400_000]);
	});
	it('is empty without data', () => {
		expect(series(yearlyVolumeOption([], en), 'offered').data).toEqual([]);
	});	it('outlines a partial year and says which part, beside whole years', () => {
		const opt = yearlyVolumeOption(
			[
				{ year: 2016, offered: 13_628, partial: { from: '2016-12-01', to: null } },
				{ year: 2017, offered: 180_000 },
				{ year: 2026, offered: 170_000, partial: { from: null, to: '2026-12-04' } }
			],
			lt
		);
		const labels = xData(opt);
		expect(labels[0]).toBe('2016\nnuo gruodžio 1 d.');
		expect(labels[1]).toBe('2017');
		expect(labels.at(-1)).toBe('2026\niki gruodžio 4 d.');
		const data = series(opt, 'offered').data as ({ value: number; itemStyle: { borderType: string } } | number)[];
		expect(data[1]).toBe(180_000);
		expect(data.at(-1)).toMatchObject({ value: 170_000, itemStyle: { borderType: 'dashed' } });
		expect(xData(yearlyVolumeOption([{ year: 2026, offered: 1, partial: { from: null, to: '2026-12-04' } }], en))[0]).toBe('2026\nto 4 December');
	});
});

describe('monthly calls with year-on-year', () => {
	const points = [
		{ month: '2025-02', offered: 80_000, offeredYearBefore: 0, yoy: null },
		{ month: '2025-03', offered: 90_000, offeredYearBefore: 60_000, yoy: 0.5 }
	];
	it('keeps an unknown year-on-year as a gap (null), not 0', () => {
		const opt = monthlyCallsOption(points, en);
		expect(series(opt, 'offered').data).toEqual([80_000, 90_000]);
		expect(series(opt, 'yoy').data).toEqual([null, 0.5]);
	});
	it('names months and series in the UI language', () => {
		expect(xData(monthlyCallsOption(points, en))).toEqual(['Feb 2025', 'Mar 2025']);
		expect(xData(monthlyCallsOption(points, lt))[1]).toMatch(/2025/);
		expect(xData(monthlyCallsOption(points, lt))[1]).not.toBe('Mar 2025');
		expect(series(monthlyCallsOption(points, lt), 'yoy').name).toBe('Pokytis per metus');
		expect(series(monthlyCallsOption(points, en), 'yoy').name).toBe('Year-on-year change');
	});
});

describe('monthly waits', () => {
	it('draws the average wait of all callers beside ASA, same length', () => {
		const opt = monthlyWaitsOption(
			[
				{ month: '2025-02', offered: 10, answered: 8, avgWaitS: 300, asaS: 240 },
				{ month: '2025-09', offered: 10, answered: 10, avgWaitS: 50, asaS: 50 }
			],
			lt
		);
		expect(series(opt, 'avgWait').data).toEqual([300, 50]);
		expect(series(opt, 'asa').data).toEqual([240, 50]);
		expect(series(opt, 'avgWait').name).toBe('Vid. laukimo trukmė (visų)');
		expect(series(monthlyWaitsOption([], en), 'avgWait').name).toBe('Average wait of all callers');
	});
});

describe('intraday today vs last week', () => {
	const slot = (offered: number, avgWaitS: number | null, serviceLevel: number | null) => ({ offered, avgWaitS, serviceLevel });
	it('gap-fills all 96 quarter hours, keeping averages of empty slots as null', () => {
		const opt = intradayOption([{ slot: '08:15', today: slot(12, 40, 0.75), lastWeek: slot(10, 90, 0.5) }], en);
		expect(xData(opt)).toHaveLength(96);
		expect(xData(opt)[0]).toBe('00:00');
		expect(xData(opt)[95]).toBe('23:45');
		for (const id of ['offeredToday', 'offeredWeek', 'waitToday', 'waitWeek', 'slToday', 'slWeek']) expect(series(opt, id).data).toHaveLength(96);
		const i = xData(opt).indexOf('08:15');
		expect(i).toBe(33);
		expect(series(opt, 'offeredToday').data[i]).toBe(12);
		expect(series(opt, 'waitWeek').data[i]).toBe(90);
		expect(series(opt, 'offeredToday').data[i + 1]).toBe(0);
		expect(series(opt, 'waitToday').data[i + 1]).toBeNull();
	});
	it('with opening hours, shows the open quarter hours and collapses the rest into two bars', () => {
		const opt = intradayOption(
			[
				{ slot: '06:00', today: slot(1, 10, null), lastWeek: slot(0, null, null) },
				{ slot: '07:45', today: slot(3, 30, null), lastWeek: slot(0, null, null) },
				{ slot: '08:00', today: slot(12, 40, 0.75), lastWeek: slot(10, 90, 0.5) },
				{ slot: '17:00', today: slot(2, 5, 1), lastWeek: slot(0, null, null) }
			],
			lt,
			{ hours: { open: '08:00', close: '17:00' }, dayLabel: '2025 m. gruodžio 31 d.' }
		);
		const x = xData(opt);
		// 08:00 … 16:45 is 36 quarter hours, with one bar before and one after.
		expect(x).toHaveLength(38);
		expect([x[0], x[1], x.at(-2), x.at(-1)]).toEqual(['iki 08:00', '08:00', '16:45', 'po 17:00']);
		// Nothing is lost: the 4 calls before opening are in the first bar, their wait weighted by calls.
		expect(series(opt, 'offeredToday').data[0]).toBe(4);
		expect(series(opt, 'waitToday').data[0]).toBeCloseTo((1 * 10 + 3 * 30) / 4, 9);
		expect(series(opt, 'offeredToday').data.at(-1)).toBe(2);
		expect(series(opt, 'offeredToday').data.reduce((a: number, b) => a + (b as number), 0)).toBe(18);
		// A day that is not today is named, not called "today".
		expect(series(opt, 'offeredToday').name).toBe('Gauta · 2025 m. gruodžio 31 d.');
	});
	it('labels both days in both languages', () => {
		expect(series(intradayOption([], en), 'offeredWeek').name).toBe('Offered · A week ago');
		expect(series(intradayOption([], lt), 'offeredWeek').name).toBe('Gauta · Prieš savaitę');
	});
});

describe('AHT by topic', () => {
	it('stacks talk, hold and wrap per topic with topic names in the UI language', () => {
		const points = [
			{ topic: 'pensions', answered: 2, ahtS: 300, talkS: 240, holdS: 20, wrapS: 40 },
			{ topic: 'benefits', answered: 0, ahtS: null, talkS: null, holdS: null, wrapS: null }
		];
		const opt = ahtByTopicOption(points, lt);
		expect(xData(opt)).toEqual(['Pensijos', 'Išmokos']);
		expect(xData(ahtByTopicOption(points, en))).toEqual(['Pensions', 'Benefits']);
		expect(o(opt).series.map((s) => s.id)).toEqual(['talk', 'hold', 'wrap']);
		expect(series(opt, 'hold').data).toEqual([20, null]);
		expect(series(ahtByTopicOption(points, en), 'wrap').name).toBe('Wrap-up');
	});
});

describe('live charts', () => {
	const topic = (id: string, waiting: number): LiveTopic => ({ topic: id, waiting, oldestQueuedAt: null, estimatedWaitS: null, agentsAvailable: 1, agentsServing: 4 });
	it('queue per topic: fixed series ids so live ticks merge', () => {
		const opt = liveQueueOption([topic('pensions', 3), topic('benefits', 0)], en);
		expect(o(opt).series.map((s) => s.id)).toEqual(['waiting', 'available', 'serving']);
		expect(series(opt, 'waiting').data).toEqual([3, 0]);
		expect(series(liveQueueOption([], lt), 'waiting').name).toBe('Laukia');
	});
	it('site load: states stacked, share of load as a line', () => {
		const site: LiveSite = { site: 'siauliai', loggedIn: 10, available: 2, onCall: 6, wrapUp: 1, notReady: 1, notReadyReasons: {}, answeredToday: 300, shareOfLoad: 0.4, occupancy: 0.7 };
		const opt = siteLoadOption([site], lt);
		expect(xData(opt)).toEqual(['Šiauliai']);
		expect(series(opt, 'onCall').data).toEqual([6]);
		expect(series(opt, 'share').data).toEqual([0.4]);
		expect(series(siteLoadOption([site], en), 'share').name).toBe('Share of answered');
	});
});

describe('the tree-shaken build draws every option (server-side SVG, as report exports will)', async () => {
	const { echarts } = await import('../../src/lib/charts/echarts.ts');
	const cases: [string, unknown][] = [
		['yearly', yearlyVolumeOption([{ year: 2024, offered: 5 }], en)],
		['monthly', monthlyCallsOption([{ month: '2025-03', offered: 5, offeredYearBefore: 2, yoy: 1.5 }], lt)],
		['waits', monthlyWaitsOption([{ month: '2025-03', offered: 5, answered: 3, avgWaitS: 37.6, asaS: 31.7 }], lt)],
		['intraday', intradayOption([], lt)],
		['aht', ahtByTopicOption([{ topic: 'pensions', answered: 1, ahtS: 100, talkS: 90, holdS: 0, wrapS: 10 }], en)]
	];
	it.each(cases)('%s', (_name, option) => {
		const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 300 });
		chart.setOption({ ...(option as object), animation: false });
		expect(chart.renderToSVGString()).toMatch(/^<svg/);
		chart.dispose();
	});
});

describe('Chart.svelte keeps the legend the user chose', () => {
	it('withoutLegendSelection drops only legend.selected, from one legend or several', async () => {
		const { withoutLegendSelection } = await import('../../src/lib/charts/legend.ts');
		const one = withoutLegendSelection({ legend: { selected: { a: false }, top: 0 }, series: [] });
		expect(one).toEqual({ legend: { top: 0 }, series: [] });
		const many = withoutLegendSelection({ legend: [{ selected: { a: false } }, { type: 'scroll' }] });
		expect(many.legend).toEqual([{}, { type: 'scroll' }]);
		const none = { series: [] };
		expect(withoutLegendSelection(none)).toBe(none);
	});
});

describe('one measure per axis (small multiples)', async () => {
	const { monthComparisonOption } = await import('../../src/lib/charts/monthComparison.ts');
	const { reportSiteLoadOption } = await import('../../src/lib/charts/reportSiteLoad.ts');
	type Axes = { yAxis: { gridIndex?: number }[] | { gridIndex?: number }; series: { yAxisIndex?: number }[] };
	/** Every value axis sits in a panel (grid) of its own: no panel carries two scales. */
	const onePerPanel = (opt: unknown) => {
		const y = (opt as Axes).yAxis;
		const axes = Array.isArray(y) ? y : [y];
		expect(new Set(axes.map((a) => a.gridIndex ?? 0)).size).toBe(axes.length);
	};
	const site: LiveSite = { site: 'siauliai', loggedIn: 10, available: 2, onCall: 6, wrapUp: 1, notReady: 1, notReadyReasons: {}, answeredToday: 300, shareOfLoad: 0.4, occupancy: 0.7 };
	it('abandons are not drawn on the offered axis: each count has its own panel', () => {
		const opt = monthComparisonOption(
			[
				{ metric: 'offered', current: 88_000, previousMonth: 80_000, sameMonthLastYear: 70_000 },
				{ metric: 'abandoned', current: 3_000, previousMonth: 2_500, sameMonthLastYear: 2_000 }
			],
			en
		);
		onePerPanel(opt);
		const s = o(opt).series as unknown as { id: string; yAxisIndex: number; data: unknown[] }[];
		expect(s.find((x) => x.id === 'current:abandoned')!.yAxisIndex).not.toBe(s.find((x) => x.id === 'current:offered')!.yAxisIndex);
	});
	it.each([
		['site load (live)', () => siteLoadOption([site], lt)],
		['site load (report)', () => reportSiteLoadOption([{ site: 'siauliai', answered: 10, share: 1, ahtS: 100 }], lt)],
		['monthly calls and their change', () => monthlyCallsOption([{ month: '2025-03', offered: 5, offeredYearBefore: 2, yoy: 1.5 }], lt)],
		['intraday', () => intradayOption([], lt)]
	])('%s: counts and shares in separate panels', (_name, make) => onePerPanel(make()));
});
