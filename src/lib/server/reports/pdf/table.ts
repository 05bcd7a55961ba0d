/**
 * One report table drawn on A4: column widths from the widest value (headers wrap on spaces),
 * figures right-aligned, a row never split, the header repeated on every page the table
 * reaches. A table too wide for the page even at the smallest type is cut into column bands,
 * each repeating the first (label) column, so no figure is ever shrunk past reading or clipped.
 * Every cell is one `text` call: read back from the PDF, a cell is one text item.
 */
import type { ReportColumn, ReportTable } from '../types.ts';
import { cellValue } from '../cells.ts';
import type { Lang } from '../../../i18n/pick.ts';
import { FONT, FONT_BOLD } from './fonts.ts';
import { COLORS, bottom, contentWidth, ensureSpace, left, moveTo } from './layout.ts';
import { cellFormatter, columnFormat, columnTitle, isNumeric } from '../../../reports/cellFormat.ts';

/** Type sizes tried in turn before a table is cut into bands. */
const FONT_SIZES = [8.5, 7.5, 7] as const;
const PAD_X = 4;
const PAD_Y = 3;
/** A text column wraps rather than take more than this share of the width. */
const MAX_TEXT_SHARE = 0.4;

type Col = { column: ReportColumn; header: string; cells: string[]; numeric: boolean; min: number; preferred: number };

export function drawTable(doc: PDFKit.PDFDocument, table: ReportTable, lang: Lang): void {
	const fmt = cellFormatter(lang);
	const text = table.columns.map((column) => ({
		column,
		header: columnTitle(column, lang),
		// :TRICKY: a year column is 'int' in the report, but lt-LT groups four digits ("2 026").
		cells: table.rows.map((row) => fmt(cellValue(row[column.key], lang), columnFormat(column))),
		numeric: isNumeric(column.format)
	}));
	const avail = contentWidth(doc);

	let size: number = FONT_SIZES[0];
	let cols: Col[] = [];
	for (size of FONT_SIZES) {
		cols = measure(doc, text, size, avail);
		if (cols.reduce((s, c) => s + c.min, 0) <= avail) break;
	}
	for (const band of bands(cols, avail)) {
		drawBand(doc, band, fitWidths(band, avail), size, table.rows.length);
		doc.moveDown(0.6);
	}
}

function measure(doc: PDFKit.PDFDocument, text: Omit<Col, 'min' | 'preferred'>[], size: number, avail: number): Col[] {
	return text.map((c) => {
		doc.font(FONT_BOLD).fontSize(size);
		const headerWord = Math.max(0, ...c.header.split(/\s+/).map((w) => doc.widthOfString(w)));
		const headerLine = doc.widthOfString(c.header);
		doc.font(FONT).fontSize(size);
		const body = Math.max(0, ...c.cells.map((s) => doc.widthOfString(s)));
		const cap = c.numeric ? Infinity : avail * MAX_TEXT_SHARE;
		const min = Math.min(Math.max(body, headerWord), Math.max(cap, headerWord)) + 2 * PAD_X;
		const preferred = Math.min(Math.max(body, headerLine), Math.max(cap, headerWord)) + 2 * PAD_X;
		return { ...c, min: Math.ceil(min), preferred: Math.ceil(Math.max(min, preferred)) };
	});
}

/** Columns packed into bands that fit the width; each band after the first repeats column 0. */
function bands(cols: Col[], avail: number): Col[][] {
	if (cols.reduce((s, c) => s + c.min, 0) <= avail || cols.length < 2) return [cols];
	const [key, ...rest] = cols as [Col, ...Col[]];
	const out: Col[][] = [];
	let band: Col[] = [key];
	let used = key.min;
	for (const c of rest) {
		if (band.length > 1 && used + c.min > avail) {
			out.push(band);
			band = [key];
			used = key.min;
		}
		band.push(c);
		used += c.min;
	}
	out.push(band);
	return balanced(key, rest, out.length, avail) ?? out;
}

/** The same number of bands with the columns shared out evenly (no band of one lone column), if they fit. */
function balanced(key: Col, rest: Col[], n: number, avail: number): Col[][] | null {
	const out: Col[][] = [];
	let start = 0;
	for (let b = 0; b < n; b++) {
		const end = start + Math.ceil((rest.length - start) / (n - b));
		const band = [key, ...rest.slice(start, end)];
		if (band.reduce((s, c) => s + c.min, 0) > avail) return null;
		out.push(band);
		start = end;
	}
	return out;
}

/** Minimum widths, then room for one-line headers, then what is left to the text columns (else to all). */
function fitWidths(cols: Col[], avail: number): number[] {
	const widths = cols.map((c) => c.min);
	let spare = avail - widths.reduce((s, w) => s + w, 0);
	const wantHeader = cols.reduce((s, c) => s + (c.preferred - c.min), 0);
	if (spare > 0 && wantHeader > 0) {
		const k = Math.min(1, spare / wantHeader);
		cols.forEach((c, i) => (widths[i]! += (c.preferred - c.min) * k));
		spare -= wantHeader * k;
	}
	if (spare > 0) {
		const textCols = cols.map((c, i) => (c.numeric ? -1 : i)).filter((i) => i >= 0);
		const takers = textCols.length ? textCols : cols.map((_, i) => i);
		for (const i of takers) widths[i]! += spare / takers.length;
	}
	return widths;
}

function drawBand(doc: PDFKit.PDFDocument, cols: Col[], widths: number[], size: number, rowCount: number): void {
	const x0 = left(doc);
	const total = widths.reduce((s, w) => s + w, 0);
	const inner = (i: number) => widths[i]! - 2 * PAD_X;

	doc.font(FONT_BOLD).fontSize(size);
	const headerHeight = Math.max(...cols.map((c, i) => doc.heightOfString(c.header, { width: inner(i) }))) + 2 * PAD_Y;
	doc.font(FONT).fontSize(size);
	const rowHeights = Array.from({ length: rowCount }, (_, r) =>
		Math.max(...cols.map((c, i) => doc.heightOfString(c.cells[r]!, { width: inner(i) }))) + 2 * PAD_Y
	);

	const drawHeader = () => {
		const y = doc.y;
		doc.save().rect(x0, y, total, headerHeight).fill(COLORS.headerFill).restore();
		doc.font(FONT_BOLD).fontSize(size).fillColor(COLORS.text);
		let x = x0;
		cols.forEach((c, i) => {
			doc.text(c.header, x + PAD_X, y + PAD_Y, { width: inner(i), align: c.numeric ? 'right' : 'left' });
			x += widths[i]!;
		});
		moveTo(doc, y + headerHeight);
	};

	// The header never stands alone at the foot of a page: it goes with the first row.
	ensureSpace(doc, headerHeight + (rowHeights[0] ?? 0));
	drawHeader();
	doc.font(FONT).fontSize(size);
	for (let r = 0; r < rowCount; r++) {
		const h = rowHeights[r]!;
		if (doc.y + h > bottom(doc)) {
			doc.addPage();
			drawHeader();
			doc.font(FONT).fontSize(size);
		}
		const y = doc.y;
		if (r % 2 === 1) doc.save().rect(x0, y, total, h).fill(COLORS.zebra).restore();
		doc.fillColor(COLORS.text);
		let x = x0;
		cols.forEach((c, i) => {
			doc.text(c.cells[r]!, x + PAD_X, y + PAD_Y, { width: inner(i), align: c.numeric ? 'right' : 'left' });
			x += widths[i]!;
		});
		moveTo(doc, y + h);
	}
	doc.save().moveTo(x0, doc.y).lineTo(x0 + total, doc.y).lineWidth(0.5).strokeColor(COLORS.rule).stroke().restore();
}
