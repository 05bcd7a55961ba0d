/** Reading report cells the same way in every renderer (page, XLSX, CSV, PDF). */
import type { Bilingual, ReportCell } from './types.ts';

export const isBilingual = (c: ReportCell): c is Bilingual => typeof c === 'object' && c !== null;

/** The cell in one language: a Bilingual label becomes its text; numbers stay numbers. */
export function cellValue(c: ReportCell | undefined, lang: 'lt' | 'en'): string | number | null {
	if (c === undefined) return null;
	return isBilingual(c) ? c[lang] : c;
}
