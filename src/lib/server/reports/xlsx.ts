/**
 * The report as an Excel workbook: an overview sheet, one sheet per section (its tables one
 * under another, each with its title and header row) and the definitions on a sheet of their
 * own. Cells hold real numbers with a number format (a rate is 0.823 shown as 82.3 %, a
 * duration is seconds), so the management unit can compute with them; dates are real dates.
 * The first table's header row is frozen; widths follow the longest text of each column.
 */
import ExcelJS from 'exceljs';
import { cellValue } from './cells.ts';
import { localDateTime } from './pdf/format.ts';
import type { ColumnFormat, MonthlyReport, ReportTable } from './types.ts';

type Lang = 'lt' | 'en';

/** Number formats by column kind; the interval export (exports/intervalXlsx.ts) uses the same. */
export const NUM_FMT: Record<ColumnFormat, string | undefined> = {
	int: '#,##0',
	pct: '0.0%',
	seconds: '0.0',
	decimal: '0.00',
	change: '+0.0%;-0.0%;0.0%',
	text: undefined,
	date: 'yyyy-mm-dd',
	month: 'yyyy-mm'
};

const TITLE_FONT = { bold: true, size: 13 };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE4E7EB' } };

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(title: string, used: Set<string>): string {
	let name = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim();
	for (let i = 2; used.has(name.toLowerCase()); i++) name = `${title.slice(0, 28)} ${i}`;
	used.add(name.toLowerCase());
	return name;
}

function excelValue(v: string | number | null, format: ColumnFormat): ExcelJS.CellValue {
	if (v === null) return null;
	if (format === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
	if (format === 'month' && typeof v === 'string') return new Date(`${v}-01T00:00:00Z`);
	return v;
}

function writeTable(ws: ExcelJS.Worksheet, t: ReportTable, lang: Lang, widths: number[]): number {
	ws.addRow([t[lang]]).font = TITLE_FONT;
	const header = ws.addRow(t.columns.map((c) => c[lang]));
	header.font = { bold: true };
	header.eachCell((cell) => (cell.fill = HEADER_FILL));
	const headerRow = header.number;
	t.columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c[lang].length)));
	for (const r of t.rows) {
		const row = ws.addRow(t.columns.map((c) => excelValue(cellValue(r[c.key], lang), c.format)));
		t.columns.forEach((c, i) => {
			const fmt = NUM_FMT[c.format];
			if (fmt) row.getCell(i + 1).numFmt = fmt;
			const v = cellValue(r[c.key], lang);
			widths[i] = Math.max(widths[i] ?? 0, typeof v === 'string' ? v.length : 10);
		});
	}
	if (t.note) ws.addRow([t.note[lang]]).font = { italic: true };
	ws.addRow([]);
	return headerRow;
}

export async function renderReportXlsx(report: MonthlyReport, lang: Lang): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'callboard';
	wb.created = new Date(report.generatedAt);
	const used = new Set<string>();
	const L = (lt: string, en: string) => (lang === 'lt' ? lt : en);

	const info = wb.addWorksheet(sheetName(L('Ataskaita', 'Report'), used));
	const infoRows: [string, ExcelJS.CellValue][] = [
		[L('Mėnuo', 'Month'), report.month],
		[L('Laikotarpis', 'Period'), `${report.period.fromDate} – ${report.period.toDate} (${report.timeZone})`],
		[L('Sugeneruota', 'Generated'), `${localDateTime(report.generatedAt, report.timeZone)} (${report.timeZone})`],
		[L('Apibrėžimų versija', 'Definitions version'), report.definitions.version],
		...(report.stored ? ([[L('Išsaugota versija Nr.', 'Stored revision'), report.stored.revision]] as [string, ExcelJS.CellValue][]) : []),
		...(report.empty ? ([[L('Pastaba', 'Note'), L('Šį mėnesį kontaktų nebuvo.', 'There was no traffic this month.')]] as [string, ExcelJS.CellValue][]) : [])
	];
	info.addRow([L('Mėnesio ataskaita', 'Monthly report')]).font = TITLE_FONT;
	for (const r of infoRows) info.addRow(r).getCell(1).font = { bold: true };
	info.getColumn(1).width = 24;
	info.getColumn(2).width = 48;

	for (const s of report.sections) {
		const ws = wb.addWorksheet(sheetName(s[lang], used));
		ws.addRow([s[lang]]).font = { bold: true, size: 15 };
		if (s.note) ws.addRow([s.note[lang]]).font = { italic: true };
		ws.addRow([]);
		const widths: number[] = [];
		let firstHeader = 0;
		for (const t of s.tables) {
			const h = writeTable(ws, t, lang, widths);
			firstHeader ||= h;
		}
		// Freeze the first table's header row and the label column.
		if (firstHeader) ws.views = [{ state: 'frozen', ySplit: firstHeader, xSplit: 1 }];
		widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.min(60, Math.max(9, w + 2))));
	}

	const defs = wb.addWorksheet(sheetName(L('Apibrėžimai', 'Definitions'), used));
	const head = defs.addRow([L('Raktas', 'Key'), L('Apibrėžimas', 'Definition')]);
	head.font = { bold: true };
	head.eachCell((c) => (c.fill = HEADER_FILL));
	for (const d of report.definitions.items) defs.addRow([d.key, d[lang]]).getCell(2).alignment = { wrapText: true, vertical: 'top' };
	defs.addRow([L('Apibrėžimų versija', 'Definitions version'), report.definitions.version]);
	defs.views = [{ state: 'frozen', ySplit: 1 }];
	defs.getColumn(1).width = 28;
	defs.getColumn(2).width = 110;

	return new Uint8Array(await wb.xlsx.writeBuffer());
}
