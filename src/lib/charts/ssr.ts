/**
 * Server-side rendering of a chart option to an SVG string, for exports (the monthly report's
 * PDF). No DOM: ECharts' SSR mode with the SVG renderer, so it runs under plain Node 24 and in
 * the SvelteKit server bundle alike. The options come from the same builders the pages use
 * (src/lib/charts/*); this file only draws them.
 */
import type { EChartsOption } from 'echarts';
import { HeatmapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { echarts } from './echarts.ts';
import { chartTheme, type ChartTheme } from './theme.ts';
import type { Lang } from '../i18n/pick.ts';

// The report's weekday × hour heat map needs these two beside the pages' build (echarts.ts).
// Registering is idempotent; when a page draws the heat map too they belong in echarts.ts.
echarts.use([HeatmapChart, VisualMapComponent]);

/**
 * The font the PDF embeds (DejaVu Sans, which has every Lithuanian letter). ECharts writes it
 * into each SVG <text>, and the PDF maps that family to the embedded file, so text measured
 * here and text drawn there are the same font.
 */
export const EXPORT_FONT_FAMILY = 'DejaVu Sans';

/** The theme for exports: the pages' colours and texts, no animation, the embedded font. */
export function exportChartTheme(lang: Lang, names: { topics?: Record<string, string>; sites?: Record<string, string> } = {}): ChartTheme {
	return { ...chartTheme(lang, names, false), fontFamily: EXPORT_FONT_FAMILY };
}

export type SvgSize = { width: number; height: number };

export type TextMeasure = (text: string, font: string) => { width: number };

/**
 * Without a DOM, ECharts guesses text widths from a generic sans-serif table, too narrow for
 * DejaVu Sans: legend items overlapped in the PDF. The exporter that embeds the font passes its
 * real metrics here (a CSS font string such as "bold 12px DejaVu Sans" comes in). Server-wide,
 * and the server draws charts only for exports.
 */
export function setChartTextMeasure(measure: TextMeasure): void {
	echarts.setPlatformAPI({ measureText: measure });
}

/** One option → one standalone SVG document of `width` × `height` px. */
export function renderChartSvg(option: EChartsOption, { width, height }: SvgSize): string {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
	try {
		const textStyle = Array.isArray(option.textStyle) ? {} : (option.textStyle ?? {});
		// Animation off: in SSR, ECharts writes the entrance animation as CSS keyframes, which a
		// PDF cannot play. The font is forced so text is measured and drawn in the embedded one.
		chart.setOption({ ...option, animation: false, textStyle: { ...textStyle, fontFamily: EXPORT_FONT_FAMILY } });
		return chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
}
