/**
 * Page geometry and the few text blocks the PDF is made of. PDFKit keeps a cursor (doc.y);
 * every block here checks there is room for itself before drawing and starts a new page
 * otherwise, so nothing is cut at the bottom margin.
 */
import { FONT, FONT_BOLD } from './fonts.ts';

/** A4 in points (595.28 × 841.89). The bottom margin leaves room for the page-number line. */
export const PAGE_SIZE = 'A4';
export const MARGINS = { top: 50, bottom: 56, left: 50, right: 50 } as const;

export const COLORS = { text: '#1f2933', muted: '#52606d', rule: '#cbd2d9', headerFill: '#e4e7eb', zebra: '#f5f7fa', notice: '#fff4e5' } as const;

export const left = (doc: PDFKit.PDFDocument) => doc.page.margins.left;
export const contentWidth = (doc: PDFKit.PDFDocument) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
export const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
	if (doc.y + height > bottom(doc)) doc.addPage();
}

/** Moves the cursor back to the left margin at `y`. */
export function moveTo(doc: PDFKit.PDFDocument, y: number): void {
	doc.x = left(doc);
	doc.y = y;
}

/**
 * A heading, kept with at least `keepWith` points of what follows (a heading alone at the
 * foot of a page is worse than a little white space).
 */
export function heading(doc: PDFKit.PDFDocument, text: string, size: number, keepWith = 80): void {
	doc.font(FONT_BOLD).fontSize(size);
	const h = doc.heightOfString(text, { width: contentWidth(doc) });
	ensureSpace(doc, h + keepWith);
	doc.fillColor(COLORS.text).text(text, left(doc), doc.y, { width: contentWidth(doc) });
	doc.moveDown(0.3);
}

export function paragraph(doc: PDFKit.PDFDocument, text: string, opts: { size?: number; color?: string; bold?: boolean } = {}): void {
	doc.font(opts.bold ? FONT_BOLD : FONT).fontSize(opts.size ?? 9);
	const h = doc.heightOfString(text, { width: contentWidth(doc) });
	ensureSpace(doc, Math.min(h, 40));
	doc.fillColor(opts.color ?? COLORS.text).text(text, left(doc), doc.y, { width: contentWidth(doc) });
	doc.moveDown(0.3);
}

/** "Label: text" with the label in bold, wrapped as one paragraph. */
export function labelled(doc: PDFKit.PDFDocument, label: string, text: string, size = 8.5): void {
	doc.fontSize(size);
	const width = contentWidth(doc);
	doc.font(FONT);
	const h = doc.heightOfString(`${label}: ${text}`, { width });
	ensureSpace(doc, Math.min(h, 30));
	doc.fillColor(COLORS.text).font(FONT_BOLD).text(`${label}: `, left(doc), doc.y, { width, continued: true });
	doc.font(FONT).text(text, { width });
	doc.moveDown(0.25);
}

/** A shaded box with a bold title and a line of text: the "no traffic" and "month to date" notices. */
export function notice(doc: PDFKit.PDFDocument, title: string, body: string): void {
	const width = contentWidth(doc);
	const pad = 10;
	doc.font(FONT_BOLD).fontSize(12);
	const th = doc.heightOfString(title, { width: width - 2 * pad });
	doc.font(FONT).fontSize(9.5);
	const bh = doc.heightOfString(body, { width: width - 2 * pad });
	const height = th + bh + 2 * pad + 4;
	ensureSpace(doc, height);
	const y = doc.y;
	doc.save().rect(left(doc), y, width, height).fill(COLORS.notice).restore();
	doc.fillColor(COLORS.text).font(FONT_BOLD).fontSize(12).text(title, left(doc) + pad, y + pad, { width: width - 2 * pad });
	doc.font(FONT).fontSize(9.5).text(body, left(doc) + pad, doc.y + 4, { width: width - 2 * pad });
	moveTo(doc, y + height + 10);
}

/**
 * The page line on every page, drawn once all pages exist (bufferPages), so "of M" is known:
 * the period on the left, "Puslapis N iš M" / "Page N of M" on the right.
 */
export function drawPageFooters(doc: PDFKit.PDFDocument, leftText: string, pageText: (n: number, m: number) => string): void {
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		// :TRICKY: text below the bottom margin makes PDFKit open a new page; lift the margin
		// while writing the footer, then put it back.
		const margin = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		const y = doc.page.height - margin + 22;
		const width = contentWidth(doc);
		doc.save().moveTo(left(doc), y - 6).lineTo(left(doc) + width, y - 6).lineWidth(0.5).strokeColor(COLORS.rule).stroke().restore();
		doc.font(FONT).fontSize(8).fillColor(COLORS.muted);
		doc.text(leftText, left(doc), y, { width: width * 0.7, lineBreak: false });
		doc.text(pageText(i - range.start + 1, range.count), left(doc), y, { width, align: 'right', lineBreak: false });
		doc.page.margins.bottom = margin;
	}
}
