/**
 * The figures that differ between a stored revision and the one after it (or a fresh
 * recalculation), as the PDF and the /reports page show them: the report's own section, table
 * and column titles instead of keys, and numbers in the language's locale ("0,8532", not
 * "0.8532"), to four decimals so that a small change stays visible. Browser-safe.
 */
import type { MonthlyReport, ReportCell, ReportChange } from '../server/reports/types.ts';
import type { Bilingual, Lang } from '../i18n/pick.ts';
import { locale } from '../i18n/pick.ts';
import { DASH } from './cellFormat.ts';

export type ChangeRow = Record<'section' | 'table' | 'row' | 'column' | 'before' | 'after', string>;

export const CHANGE_COLUMNS: readonly (Bilingual & { key: keyof ChangeRow })[] = [
	{ key: 'section', lt: 'Skyrius', en: 'Section' },
	{ key: 'table', lt: 'Lentelė', en: 'Table' },
	{ key: 'row', lt: 'Eilutė', en: 'Row' },
	{ key: 'column', lt: 'Stulpelis', en: 'Column' },
	{ key: 'before', lt: 'Buvo', en: 'Before' },
	{ key: 'after', lt: 'Dabar', en: 'After' }
];

export function changeRows(report: Pick<MonthlyReport, 'sections'>, list: readonly ReportChange[], lang: Lang): ChangeRow[] {
	const num = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 4 });
	const show = (c: ReportCell): string => {
		if (c === null || c === '') return DASH;
		if (typeof c === 'number') return num.format(c);
		return typeof c === 'object' ? c[lang] : c;
	};
	return list.map((c) => {
		const section = report.sections.find((s) => s.key === c.section);
		const table = section?.tables.find((x) => x.key === c.table);
		const column = table?.columns.find((x) => x.key === c.column);
		return {
			section: section?.[lang] ?? c.section,
			table: table?.[lang] ?? c.table,
			row: show(c.row),
			column: column?.[lang] ?? c.column,
			before: show(c.before),
			after: show(c.after)
		};
	});
}
