/**
 * The PDF's fonts: DejaVu Sans, regular and bold, embedded (subset) so every Lithuanian letter
 * (ą č ę ė į š ų ū ž and capitals) renders and is extracted back as itself. PDFKit's built-in
 * Helvetica has no glyph for most of them, so it is never used: the document starts in DejaVu.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { dirname, join } from 'node:path';
import { EXPORT_FONT_FAMILY } from '../../../charts/ssr.ts';

export const FONT = EXPORT_FONT_FAMILY;
export const FONT_BOLD = `${EXPORT_FONT_FAMILY}-Bold`;

// :TRICKY: resolved through Node's module resolution from this module's own URL, never from
// `__dirname` or the working directory: from the sources (tests, CLI) and from the built
// server (build/server/chunks/…) the package is found in the project's node_modules either way.
const ttfDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_FILES = {
	regular: join(ttfDir, 'DejaVuSans.ttf'),
	bold: join(ttfDir, 'DejaVuSans-Bold.ttf')
} as const;

export function registerFonts(doc: PDFKit.PDFDocument): void {
	doc.registerFont(FONT, FONT_FILES.regular);
	doc.registerFont(FONT_BOLD, FONT_FILES.bold);
	doc.font(FONT);
}

/** svg-to-pdfkit's font lookup: every chart text is DejaVu Sans, bold where the SVG says so. */
export function svgFont(_family: string, bold: boolean): string {
	return bold ? FONT_BOLD : FONT;
}

let measurer: PDFKit.PDFDocument | null = null;

/**
 * Text width in DejaVu Sans for a CSS font string ("12px DejaVu Sans", "bold 14px …"): what
 * ECharts lays out with, so chart labels take the room they take in the PDF.
 */
export function measureText(text: string, font: string): { width: number } {
	measurer ??= new PDFDocument({ autoFirstPage: false, font: FONT_FILES.regular });
	const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
	const bold = /\bbold(er)?\b|\b[6-9]00\b/.test(font);
	return { width: measurer.font(bold ? FONT_FILES.bold : FONT_FILES.regular).fontSize(size).widthOfString(text) };
}
