/**
 * Report cells as text, the same on the /reports page and in the PDF ("the same numbers as the
 * screen"): the column's format in the language's Intl conventions. null (nothing to measure)
 * is "–", never 0. XLSX and CSV keep the numbers themselves.
 */
import type { ColumnFormat, ReportCell, ReportColumn } from '../server/reports/types.ts';
import { locale } from '../i18n/dashboard.ts';
import type { Lang } from '../i18n/pick.ts';
import { formatDuration } from '../metrics/units.ts';

export const DASH = '–';

/** Month names as a heading says them (nominative: "2026 m. spalis", not "spalio"). */
const LT_MONTHS = ['sausis', 'vasaris', 'kovas', 'balandis', 'gegužė', 'birželis', 'liepa', 'rugpjūtis', 'rugsėjis', 'spalis', 'lapkritis', 'gruodis'];

/** 'YYYY-MM' → "2026 m. spalis" / "October 2026". */
export function monthInWords(month: string, lang: Lang): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	if (lang === 'lt') return `${y} m. ${LT_MONTHS[m - 1]}`;
	return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

/** A table cell as text: a stored cell, or one language's value of it (server/reports/cells.ts). */
export function cellFormatter(lang: Lang): (value: ReportCell | undefined, format: ColumnFormat) => string {
	const loc = locale(lang);
	const int = new Intl.NumberFormat(loc, { maximumFractionDigits: 0 });
	const two = new Intl.NumberFormat(loc, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
	const pct = new Intl.NumberFormat(loc, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
	const change = new Intl.NumberFormat(loc, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
	return (value, format) => {
		if (value === null || value === undefined || value === '') return DASH;
		if (typeof value === 'object') return value[lang];
		if (typeof value === 'string') return format === 'month' && /^\d{4}-\d{2}$/.test(value) ? monthInWords(value, lang) : value;
		if (!Number.isFinite(value)) return DASH;
		switch (format) {
			case 'int':
				return int.format(value);
			case 'pct':
				return pct.format(value);
			case 'seconds':
				// In the unit a person reads (metrics/units.ts); XLSX and CSV keep the seconds.
				return formatDuration(value, lang);
			case 'decimal':
				return two.format(value);
			case 'change':
				return change.format(value);
			default:
				return String(value);
		}
	};
}

/** Right-aligned columns: every figure; text, dates and months read from the left. */
export const isNumeric = (format: ColumnFormat): boolean => format !== 'text' && format !== 'date' && format !== 'month';


/** How a column's cells are written: as its format says, but a year is a name, not an amount (lt would group it: "2 026"). */
export const columnFormat = (column: Pick<ReportColumn, 'key' | 'format'>): ColumnFormat => (column.key === 'year' ? 'text' : column.format);

/**
 * A column's title on screen and in the PDF: a duration column's cells carry their own unit
 * ("4:05 min"), so the ", s" its title has for the raw seconds of XLSX and CSV is left off.
 */
export const columnTitle = (column: Pick<ReportColumn, 'format' | 'lt' | 'en'>, lang: Lang): string =>
	column.format === 'seconds' ? column[lang].replace(/, s$/, '') : column[lang];
