/** svg-to-pdfkit ships no types: the part of its API the PDF export uses. */
declare module 'svg-to-pdfkit' {
	export type SvgToPdfOptions = {
		width?: number;
		height?: number;
		preserveAspectRatio?: string;
		/** SVG px are 3/4 pt unless this is set. */
		assumePt?: boolean;
		/** Maps an SVG font-family to a font registered in the document. */
		fontCallback?: (family: string, bold: boolean, italic: boolean, options: { fauxBold: boolean; fauxItalic: boolean }) => string;
		warningCallback?: (message: string) => void;
	};
	export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions): void;
}
