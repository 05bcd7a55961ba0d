/**
 * The report as one long CSV table (RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, quotes doubled), UTF-8 with a byte-order mark so Excel opens
 * Lithuanian letters right. One line per figure:
 *   section, table, row, column_key, column, value, format
 * so any table is one filter away, and a number keeps full precision (dot decimal, raw
 * fraction for rates, seconds for durations): the same value /api/stats gives.
 * The report's facts come first (section "report"), the definitions last ("definitions").
 */
import { cellValue } from './cells.ts';
import type { MonthlyReport } from './types.ts';

const BOM = '\uFEFF';

/**
 * A text cell a spreadsheet would run as a formula (= + - @, or a tab or CR before one) gets a
 * leading apostrophe, as OWASP advises for CSV injection: queue, agent and site names come from
 * PBXs nobody here controls, and `=HYPERLINK("http://…?d="&A1,"Click")` sent the sheet away.
 * Numbers are written as numbers: only text is changed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(v: string | number | null): string {
	if (v === null) return '';
	const s = typeof v === 'number' ? String(v) : FORMULA_START.test(v) ? `'${v}` : v;
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = ['section', 'table', 'row', 'column_key', 'column', 'value', 'format'] as const;

export function renderReportCsv(report: MonthlyReport, lang: 'lt' | 'en'): Uint8Array {
	const lines: string[] = [CSV_HEADER.join(',')];
	const add = (...fields: (string | number | null)[]) => lines.push(fields.map(csvField).join(','));
	const facts: [string, string | number][] = [
		['month', report.month],
		['from', report.period.fromDate],
		['to', report.period.toDate],
		['time_zone', report.timeZone],
		['generated_at', report.generatedAt],
		['empty', report.empty ? 1 : 0],
		['definitions_version', report.definitions.version],
		...(report.stored ? ([['revision', report.stored.revision]] as [string, number][]) : [])
	];
	for (const [k, v] of facts) add('report', 'info', k, k, k, v, typeof v === 'number' ? 'int' : 'text');
	for (const s of report.sections)
		for (const t of s.tables) {
			const label = t.columns[0]!;
			for (const r of t.rows) {
				const row = cellValue(r[label.key], lang);
				for (const c of t.columns.slice(1)) add(s.key, t.key, row, c.key, c[lang], cellValue(r[c.key], lang), c.format);
			}
		}
	for (const d of report.definitions.items) add('definitions', 'definitions', d.key, 'text', lang === 'lt' ? 'Apibrėžimas' : 'Definition', d[lang], 'text');
	return new TextEncoder().encode(BOM + lines.join('\r\n') + '\r\n');
}
