/**
 * How a period the figures cover only in part is said and drawn, the same on the dashboard,
 * the report page, its PDF and its XLSX/CSV: "iki gruodžio 4 d." / "to 4 December", an outlined
 * bar, so a year of two months is never read beside whole years as a fall.
 */
import type { Bilingual, Lang } from '../i18n/pick.ts';
import type { PartialPeriod } from './types.ts';

/** Month names as "iki gruodžio 4 d." needs them (genitive). */
const LT_GENITIVE = ['sausio', 'vasario', 'kovo', 'balandžio', 'gegužės', 'birželio', 'liepos', 'rugpjūčio', 'rugsėjo', 'spalio', 'lapkričio', 'gruodžio'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function day(date: string, lang: Lang): string {
	const [, m, d] = date.split('-').map(Number) as [number, number, number];
	return lang === 'lt' ? `${LT_GENITIVE[m - 1]} ${d} d.` : `${d} ${EN_MONTHS[m - 1]}`;
}

/** "nuo gruodžio 5 d.", "iki gruodžio 4 d." / "from 5 December", "to 4 December"; '' for a whole period. */
export function partialText(p: PartialPeriod | null | undefined, lang: Lang): string {
	if (!p) return '';
	const parts: string[] = [];
	if (p.from) parts.push(`${lang === 'lt' ? 'nuo' : 'from'} ${day(p.from, lang)}`);
	if (p.to) parts.push(`${lang === 'lt' ? 'iki' : 'to'} ${day(p.to, lang)}`);
	return parts.join(' ');
}

/** What a report table's "covers" column says: the part, or that the period is whole. */
export function coverage(p: PartialPeriod | null | undefined, whole: Bilingual): Bilingual {
	return p ? { lt: partialText(p, 'lt'), en: partialText(p, 'en') } : whole;
}

export const WHOLE_YEAR: Bilingual = { lt: 'visi metai', en: 'whole year' };
export const WHOLE_MONTH: Bilingual = { lt: 'visas mėnuo', en: 'whole month' };

/**
 * A bar's style for a partial period: outlined (dashed border, pale fill) in the series'
 * colour, so it reads as "not the whole period" in the browser and in the PDF's SVG alike.
 */
export function partialBar(value: number, color: string) {
	return { value, itemStyle: { color: `${color}33`, borderColor: color, borderWidth: 2, borderType: 'dashed' as const } };
}

/** The rule as the glossary says it. */
export const PARTIAL_NOTE: Bilingual = {
	en: 'A year or month the figures cover only in part (the first of the history, or one not over: "to 4 December") is drawn outlined and marked in every table and export; trends in a report stop at its month. A month not over is compared with the same days of the year before.',
	lt: 'Metai ar mėnuo, kuriuos duomenys apima tik iš dalies (pirmieji istorijos arba dar nesibaigę: „iki gruodžio 4 d.“), grafikuose rodomi tik kontūru, o lentelėse ir eksportuose pažymimi; ataskaitos tendencijos baigiasi jos mėnesiu. Nesibaigęs mėnuo lyginamas su tomis pačiomis praėjusių metų dienomis.'
};
