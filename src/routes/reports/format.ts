/** Report cells on screen: the column's format, in the UI language's Intl conventions. */
import type { ColumnFormat, ReportCell } from '$lib/server/reports/types.ts';
import { locale } from '$lib/i18n/dashboard.ts';
import type { Lang } from '$lib/i18n/pick.ts';

export function cellFormatter(lang: Lang): (v: ReportCell | undefined, format: ColumnFormat) => string {
	const loc = locale(lang);
	const int = new Intl.NumberFormat(loc, { maximumFractionDigits: 0 });
	const one = new Intl.NumberFormat(loc, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
	const two = new Intl.NumberFormat(loc, { maximumFractionDigits: 2 });
	const pct = new Intl.NumberFormat(loc, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
	const change = new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
	const month = new Intl.DateTimeFormat(loc, { month: 'long', year: 'numeric', timeZone: 'UTC' });
	return (v, format) => {
		if (v === null || v === undefined) return '–';
		if (typeof v === 'object') return v[lang];
		if (typeof v === 'string') return format === 'month' ? month.format(Date.parse(`${v}-01T00:00:00Z`)) : v;
		switch (format) {
			case 'int':
				return int.format(v);
			case 'pct':
				return pct.format(v);
			case 'seconds':
				return one.format(v);
			case 'change':
				return change.format(v);
			default:
				return two.format(v);
		}
	};
}
