/**
 * The monthly report as an A4 PDF: title, period, filters and generation time (the centre's
 * zone), every section's tables, the charts (the pages' own option builders, rendered to SVG
 * on the server and drawn as vectors), the definitions in force, and "Puslapis N iš M" /
 * "Page N of M" on every page. Text is DejaVu Sans, embedded, so Lithuanian letters render and
 * come back from text extraction as themselves. An empty month is a short "no traffic" report.
 * The pieces are in ./pdf/ (fonts, format, layout, table, charts).
 */
import PDFDocument from 'pdfkit';
import type { Lang } from '../../i18n/pick.ts';
import type { MonthlyReport, ReportChange, ReportTable, SectionKey } from './types.ts';
import { CHANGE_COLUMNS, changeRows } from '../../reports/changes.ts';
import { FONT_FILES, registerFonts } from './pdf/fonts.ts';
import { filterLine, localDateTime, monthInWords, pdfText, reasonText } from './pdf/format.ts';
import { COLORS, MARGINS, PAGE_SIZE, drawPageFooters, heading, labelled, notice, paragraph } from './pdf/layout.ts';
import { drawTable } from './pdf/table.ts';
import { CHART_HEIGHT, REPORT_CHARTS, drawChart, reportChartTheme } from './pdf/charts.ts';

export async function renderReportPdf(report: MonthlyReport, lang: Lang): Promise<Uint8Array> {
	const t = pdfText(lang);
	const month = monthInWords(report.month, lang);
	const doc = new PDFDocument({
		size: PAGE_SIZE,
		margins: { ...MARGINS },
		bufferPages: true,
		// Start in DejaVu: PDFKit's default Helvetica would be loaded (and is useless for Lithuanian).
		font: FONT_FILES.regular,
		lang: lang === 'lt' ? 'lt-LT' : 'en-GB',
		displayTitle: true,
		info: { Title: `${t('title')}: ${month}`, Creator: 'callboard', CreationDate: new Date(report.generatedAt) }
	});
	const bytes = collect(doc);
	registerFonts(doc);

	titleBlock(doc, report, lang);
	if (report.empty) {
		notice(doc, t('emptyTitle'), t('emptyBody', { month, dates: `${report.period.fromDate} – ${report.period.toDate}` }));
	} else {
		sections(doc, report, lang);
	}
	changes(doc, report, lang);
	definitions(doc, report, lang);

	drawPageFooters(doc, `${t('title')} · ${month}`, (n, m) => t('page', { n, m }));
	doc.end();
	return bytes;
}

function titleBlock(doc: PDFKit.PDFDocument, report: MonthlyReport, lang: Lang): void {
	const t = pdfText(lang);
	heading(doc, t('title'), 18, 0);
	heading(doc, monthInWords(report.month, lang), 14, 0);
	labelled(doc, t('period'), `${report.period.fromDate} – ${report.period.toDate} (${report.timeZone})`);
	labelled(doc, t('filters'), filterLine(report, lang));
	labelled(doc, t('generated'), `${localDateTime(report.generatedAt, report.timeZone)} (${report.timeZone})`);
	if (report.stored)
		labelled(doc, t('revision', { n: report.stored.revision }), `${localDateTime(report.stored.storedAt, report.timeZone)}, ${reasonText(report.stored.reason, lang)}`);
	if (report.inProgress) paragraph(doc, t('inProgress'), { color: COLORS.muted });
	doc.moveDown(0.6);
}

function sections(doc: PDFKit.PDFDocument, report: MonthlyReport, lang: Lang): void {
	const theme = reportChartTheme(report, lang);
	const present = new Set(report.sections.map((s) => s.key));
	const chartsOf = (keep: (section: string) => boolean) =>
		REPORT_CHARTS.filter((c) => keep(c.section)).flatMap((c) => {
			const option = c.option(report, theme);
			return option ? [{ title: c.title[lang], option, height: c.heightPt ?? CHART_HEIGHT }] : [];
		});
	const draw = (charts: ReturnType<typeof chartsOf>) => charts.forEach((c) => drawChart(doc, c.title, c.option, c.height));
	for (const section of report.sections) {
		const charts = chartsOf((s) => s === section.key);
		// The section title stays with its first table, or with its chart when it has no table.
		heading(doc, section[lang], 13, section.tables.length || !charts[0] ? 90 : charts[0].height + 40);
		if (section.note) paragraph(doc, section.note[lang], { color: COLORS.muted });
		for (const table of section.tables) {
			heading(doc, table[lang], 10, 40);
			drawTable(doc, table, lang);
			if (table.note) paragraph(doc, table.note[lang], { size: 8, color: COLORS.muted });
		}
		draw(charts);
		doc.moveDown(0.5);
	}
	// A chart whose section the report does not have still belongs in it.
	draw(chartsOf((s) => !present.has(s as SectionKey)));
}

/**
 * What differs from a stored revision: the changes a stored revision lists against the one
 * before, or those a fresh recalculation (?fresh=1) found against the stored one. Keys are shown
 * as the report's own titles ($lib/reports/changes.ts, as on the /reports page).
 */
function changes(doc: PDFKit.PDFDocument, report: MonthlyReport, lang: Lang): void {
	const t = pdfText(lang);
	if (report.stored?.changes.length) {
		heading(doc, t('changes'), 13);
		drawTable(doc, changesTable(report, report.stored.changes, lang), lang);
	}
	const again = report.recomputed;
	if (again) {
		heading(doc, t('recomputed', { n: again.againstRevision, at: localDateTime(again.storedAt, report.timeZone) }), 13);
		if (again.changes.length) drawTable(doc, changesTable(report, again.changes, lang), lang);
		else paragraph(doc, t('noChanges'));
	}
}

function changesTable(report: MonthlyReport, list: ReportChange[], lang: Lang): ReportTable {
	return {
		key: 'changes',
		lt: '',
		en: '',
		columns: CHANGE_COLUMNS.map((c) => ({ ...c, format: 'text' as const })),
		rows: changeRows(report, list, lang)
	};
}

function definitions(doc: PDFKit.PDFDocument, report: MonthlyReport, lang: Lang): void {
	const t = pdfText(lang);
	heading(doc, t('definitions'), 13);
	paragraph(doc, `${t('definitionsVersion')}: ${report.definitions.version}`, { size: 8, color: COLORS.muted });
	for (const item of report.definitions.items) {
		const text = item[lang];
		// "Atsiliepta: Gauti kontaktai, …": the name before the first colon in bold.
		const colon = text.indexOf(': ');
		if (colon > 0 && colon < 60) labelled(doc, text.slice(0, colon), text.slice(colon + 2));
		else paragraph(doc, text, { size: 8.5 });
	}
}

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
	const chunks: Buffer[] = [];
	return new Promise((resolve, reject) => {
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
	});
}
