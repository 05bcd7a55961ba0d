/**
 * The report's charts in the PDF: the same option builders the pages use, rendered to SVG on
 * the server (src/lib/charts/ssr.ts) and drawn as vectors by svg-to-pdfkit, each under the
 * section it illustrates.
 */
import type { EChartsOption } from 'echarts';
import SVGtoPDF from 'svg-to-pdfkit';
import { ahtByTopicOption } from '../../../charts/ahtByTopic.ts';
import { monthlyCallsOption } from '../../../charts/monthlyCalls.ts';
import { yearlyVolumeOption } from '../../../charts/yearlyVolume.ts';
import { weekdayHourHeatMapOption } from '../../../charts/weekdayHourHeatMap.ts';
import { reportSiteLoadOption } from '../../../charts/reportSiteLoad.ts';
import { monthComparisonOption } from '../../../charts/monthComparison.ts';
import { exportChartTheme, renderChartSvg, setChartTextMeasure } from '../../../charts/ssr.ts';
import type { ChartTheme } from '../../../charts/theme.ts';
import type { Lang } from '../../../i18n/pick.ts';
import type { Bilingual, MonthlyReport, SectionKey } from '../types.ts';
import { measureText, svgFont } from './fonts.ts';
import { COLORS, contentWidth, ensureSpace, left, moveTo } from './layout.ts';
import { FONT_BOLD } from './fonts.ts';

setChartTextMeasure(measureText);

type ReportChart = {
	section: SectionKey;
	title: Bilingual;
	/** null when there is nothing to draw. */
	option: (report: MonthlyReport, theme: ChartTheme) => EChartsOption | null;
	heightPt?: number;
};

const some = <T>(xs: readonly T[]) => xs.length > 0;

export const REPORT_CHARTS: readonly ReportChart[] = [
	{
		section: 'volumes',
		title: { lt: 'Gauti skambučiai per mėnesį ir pokytis per metus', en: 'Offered calls per month and year-on-year change' },
		option: (r, t) => (some(r.charts.monthly) ? monthlyCallsOption(r.charts.monthly, t) : null)
	},
	{
		section: 'handle_time',
		title: { lt: 'Vidutinė aptarnavimo trukmė pagal temą', en: 'Average handle time by topic' },
		option: (r, t) => (some(r.charts.aht) ? ahtByTopicOption(r.charts.aht, t) : null)
	},
	{
		section: 'heat_map',
		title: { lt: 'Gauti skambučiai pagal savaitės dieną ir valandą', en: 'Offered calls by weekday and hour' },
		option: (r, t) => (r.charts.heatMap.some((c) => c.offered > 0) ? weekdayHourHeatMapOption(r.charts.heatMap, t) : null),
		heightPt: 200
	},
	{
		section: 'site_load',
		title: { lt: 'Atsiliepti skambučiai ir jų dalis pagal padalinį', en: 'Answered calls and their share by site' },
		option: (r, t) => (some(r.charts.siteLoad) ? reportSiteLoadOption(r.charts.siteLoad, t) : null)
	},
	{
		section: 'comparison',
		title: { lt: 'Kiekiai: šis mėnuo, ankstesnis ir tas pats pernai', en: 'Counts: this month, the previous one and a year before' },
		option: (r, t) => (some(r.charts.comparison) ? monthComparisonOption(r.charts.comparison, t) : null)
	},
	{
		section: 'yearly_trend',
		title: { lt: 'Gauti skambučiai per metus', en: 'Offered calls per year' },
		option: (r, t) => (some(r.charts.yearly) ? yearlyVolumeOption(r.charts.yearly, t) : null)
	}
];

/** The chart theme of a report: its language and its own display names. */
export function reportChartTheme(report: MonthlyReport, lang: Lang): ChartTheme {
	const topics = Object.fromEntries(Object.entries(report.names.topics).map(([id, n]) => [id, n[lang]]));
	return exportChartTheme(lang, { topics, sites: report.names.sites });
}

const PX_PER_PT = 96 / 72;
/** Points: two charts and their titles fit one A4 page. */
export const CHART_HEIGHT = 230;

/** Draws one chart, full width, with its title, on this page if it fits whole, else on the next. */
export function drawChart(doc: PDFKit.PDFDocument, title: string, option: EChartsOption, heightPt = CHART_HEIGHT): void {
	const width = contentWidth(doc);
	doc.moveDown(0.5);
	doc.font(FONT_BOLD).fontSize(9.5);
	const titleHeight = doc.heightOfString(title, { width }) + 4;
	ensureSpace(doc, titleHeight + heightPt);
	doc.fillColor(COLORS.text).text(title, left(doc), doc.y, { width });
	const y = doc.y + 4;
	// Rendered at the size it is drawn (1 pt = 4/3 px), so ECharts lays out labels for the real space.
	const svg = renderChartSvg(option, { width: Math.round(width * PX_PER_PT), height: Math.round(heightPt * PX_PER_PT) });
	SVGtoPDF(doc, withoutTextHalos(svg), left(doc), y, { width, height: heightPt, fontCallback: svgFont, warningCallback: () => {} });
	moveTo(doc, y + heightPt + 12);
}

/**
 * ECharts outlines value labels with a white halo drawn under the glyphs (paint-order="stroke");
 * svg-to-pdfkit ignores paint-order and paints the halo over them, so the labels came out
 * white on white. The halo is dropped: on a white page the labels read without it.
 */
export function withoutTextHalos(svg: string): string {
	return svg.replace(/<text\b[^>]*\bpaint-order="stroke"[^>]*>/g, (tag) =>
		tag.replace(/\s(?:stroke|stroke-width|stroke-miterlimit|paint-order)="[^"]*"/g, '')
	);
}
