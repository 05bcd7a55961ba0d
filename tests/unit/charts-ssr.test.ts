/** Charts rendered on the server (no DOM): the pages' option builders → SVG strings for exports. */
import { describe, expect, it } from 'vitest';
import { EXPORT_FONT_FAMILY, exportChartTheme, renderChartSvg } from '../../src/lib/charts/ssr.ts';
import { yearlyVolumeOption } from '../../src/lib/charts/yearlyVolume.ts';
import { ahtByTopicOption } from '../../src/lib/charts/ahtByTopic.ts';
import { weekdayHourHeatMapOption } from '../../src/lib/charts/weekdayHourHeatMap.ts';
import { reportSiteLoadOption } from '../../src/lib/charts/reportSiteLoad.ts';
import { monthComparisonOption } from '../../src/lib/charts/monthComparison.ts';

const size = { width: 640, height: 320 };
/** The texts of an SVG's <text> elements, no-break spaces as spaces. */
const texts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/[\u00a0\u202f]/g, ' '));
/** Elements drawn for data items (ECharts marks them in SSR output). */
const dataItems = (svg: string) => (svg.match(/ecmeta_data_index="/g) ?? []).length;
/** Heights of the bars: "M x y l w 0 l 0 -h …". */
const barHeights = (svg: string) => [...svg.matchAll(/d="M[\d.]+ [\d.]+l[\d.]+ 0l0 (-?[\d.]+)/g)].map((m) => Math.abs(Number(m[1])));

describe('renderChartSvg', () => {
	it('draws a builder’s option as a standalone SVG of the asked size, axis labels as text', () => {
		const svg = renderChartSvg(yearlyVolumeOption([{ year: 2016, offered: 200_000 }, { year: 2018, offered: 400_000 }], exportChartTheme('lt')), size);
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('width="640" height="320"');
		// Gap-filled years on the category axis; the value axis in lt-LT grouping.
		expect(texts(svg)).toEqual(expect.arrayContaining(['2016', '2017', '2018', '200 000', '400 000']));
	});

	it('writes every text in the font the PDF embeds, Lithuanian letters as themselves', () => {
		const theme = exportChartTheme('lt', { topics: { pensions: 'Pensijos', other: 'Kitas socialinis draudimas' } });
		const svg = renderChartSvg(ahtByTopicOption([{ topic: 'pensions', answered: 3, ahtS: 150, talkS: 120, holdS: 10, wrapS: 20 }], theme), size);
		expect(svg).toContain(`font-family:${EXPORT_FONT_FAMILY}`);
		expect(svg).not.toMatch(/font-family:(system-ui|sans-serif)/);
		expect(texts(svg)).toEqual(expect.arrayContaining(['Pensijos', 'Pokalbio trukmė', 'Sulaikymas', 'Darbas po pokalbio']));
	});

	it('draws a still picture even when the option asks for animation', () => {
		// ECharts' SSR turns the entrance animation into CSS keyframes; a PDF cannot play them.
		const option = { ...yearlyVolumeOption([{ year: 2020, offered: 10 }], exportChartTheme('en')), animation: true };
		const svg = renderChartSvg(option, size);
		expect(svg).not.toContain('@keyframes');
		// The one bar at its full height: 10 of 10 reaches the top of the value axis.
		expect(barHeights(svg)).toHaveLength(1);
		expect(barHeights(svg)[0]).toBeGreaterThan(200);
	});

	it('the report-only charts render: heat map cells, site load, month comparison', () => {
		const cells = Array.from({ length: 7 * 24 }, (_, i) => ({ weekday: Math.floor(i / 24) + 1, hour: i % 24, offered: i === 9 ? 42 : 0, avgWaitS: null }));
		const heat = renderChartSvg(weekdayHourHeatMapOption(cells, exportChartTheme('lt')), size);
		expect(texts(heat)).toEqual(expect.arrayContaining(['Pirm.', 'Sekm.', '0', '23', '42']));
		expect(dataItems(heat)).toBe(7 * 24);

		const sites = renderChartSvg(
			reportSiteLoadOption([{ site: 'siauliai', answered: 1234, share: 0.75, ahtS: 200 }, { site: 'panevezys', answered: 411, share: 0.25, ahtS: 180 }], exportChartTheme('lt', { sites: { siauliai: 'Šiauliai', panevezys: 'Panevėžys' } })),
			size
		);
		expect(texts(sites)).toEqual(expect.arrayContaining(['Šiauliai', 'Panevėžys', '1 234', '411', 'Atsiliepta']));

		const cmp = renderChartSvg(
			monthComparisonOption([{ metric: 'offered', current: 10, previousMonth: 8, sameMonthLastYear: null }, { metric: 'service_level', current: 0.8, previousMonth: 0.7, sameMonthLastYear: null }], exportChartTheme('en')),
			size
		);
		// Counts only: a rate on a count axis would be a bar of height 0.8.
		expect(texts(cmp)).toEqual(expect.arrayContaining(['Offered', 'This month', 'Previous month', 'Same month last year']));
		expect(texts(cmp)).not.toContain('Service level');
	});
});
