/** One report, any export format: the bytes, their content type and the file name to offer. */
import { renderReportCsv } from './csv.ts';
import { renderReportPdf } from './pdf.ts';
import { renderReportXlsx } from './xlsx.ts';
import { filterKey } from './store.ts';
import type { MonthlyReport } from './types.ts';

export const REPORT_FORMATS = ['xlsx', 'csv', 'pdf', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8; header=present',
	pdf: 'application/pdf',
	json: 'application/json'
};

export function reportFileName(report: MonthlyReport, format: ReportFormat, lang: 'lt' | 'en'): string {
	const key = filterKey(report.filter);
	const filter = key === 'all' ? '' : `-${key.replace(/[^a-z0-9]+/gi, '-')}`;
	return `callboard-${report.month}${filter}-${lang}.${format}`;
}

export async function renderReport(report: MonthlyReport, format: ReportFormat, lang: 'lt' | 'en'): Promise<Uint8Array> {
	switch (format) {
		case 'xlsx':
			return renderReportXlsx(report, lang);
		case 'csv':
			return renderReportCsv(report, lang);
		case 'pdf':
			return renderReportPdf(report, lang);
		case 'json':
			return new TextEncoder().encode(JSON.stringify(report));
	}
}
