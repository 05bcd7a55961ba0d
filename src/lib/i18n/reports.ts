/**
 * Texts of the /reports page, in Lithuanian (default) and English. The report's own words
 * (section, table and column titles, notes) travel inside the report, in both languages.
 */
import type { Lang } from './pick.ts';

export const lt = {
	'title': 'Mėnesio ataskaitos',
	'back': 'Atgal į suvestinę',
	'month': 'Mėnuo',
	'show': 'Rodyti',
	'export': 'Atsisiųsti',
	'export.xlsx': 'Excel (XLSX)',
	'export.csv': 'CSV',
	'export.pdf': 'PDF',
	'period': 'Laikotarpis',
	'generated': 'Sugeneruota',
	'definitions': 'Apibrėžimų versija',
	'stored': 'Išsaugota versija Nr. {n}, {at}',
	'stored.changes': 'Pakeista skaičių, palyginti su ankstesne versija: {n}',
	'fresh': 'Perskaičiuoti dabar',
	'fresh.none': 'Perskaičiavus niekas nepasikeitė, palyginti su išsaugota versija Nr. {n}.',
	'fresh.changes': 'Perskaičiavus pasikeitusių skaičių, palyginti su išsaugota versija Nr. {rev}: {n} (ši perskaičiuota ataskaita neišsaugota):',
	'showStored': 'Rodyti išsaugotą',
	'inProgress': 'Mėnuo dar nesibaigė: rodomi skaičiai nuo mėnesio pradžios.',
	'list.title': 'Išsaugotos (užfiksuotos) ataskaitos',
	'list.none': 'Išsaugotų ataskaitų dar nėra: uždarytas mėnuo išsaugomas pirmą kito mėnesio darbo dieną.',
	'list.month': 'Mėnuo',
	'list.filter': 'Filtras',
	'list.revision': 'Versija',
	'list.storedAt': 'Išsaugota',
	'list.changes': 'Pakeitimai',
	'list.reason': 'Priežastis',
	'chart.heatMap': 'Skambučiai ir laukimas pagal savaitės dieną ir valandą',
	'chart.comparison': 'Mėnuo, ankstesnis mėnuo ir tas pats mėnuo pernai',
	'chart.siteLoad': 'Padalinių atsiliepti skambučiai ir jų dalis',
	'chart.aht': 'Vidutinė aptarnavimo trukmė pagal temą',
	'chart.monthly': 'Gauti skambučiai per mėnesį ir pokytis per metus',
	'chart.yearly': 'Gauti skambučiai per metus'
} as const;

export type ReportsKey = keyof typeof lt;

const en: Record<ReportsKey, string> = {
	'title': 'Monthly reports',
	'back': 'Back to the dashboard',
	'month': 'Month',
	'show': 'Show',
	'export': 'Download',
	'export.xlsx': 'Excel (XLSX)',
	'export.csv': 'CSV',
	'export.pdf': 'PDF',
	'period': 'Period',
	'generated': 'Generated',
	'definitions': 'Definitions version',
	'stored': 'Stored revision {n}, {at}',
	'stored.changes': 'Figures changed against the revision before: {n}',
	'fresh': 'Recalculate now',
	'fresh.none': 'Recalculated: nothing differs from stored revision {n}.',
	'fresh.changes': 'Recalculated: {n} figures differ from stored revision {rev} (this recalculation is not stored):',
	'showStored': 'Show the stored one',
	'inProgress': 'The month has not ended: figures are month to date.',
	'list.title': 'Stored (frozen) reports',
	'list.none': 'No stored reports yet: a closed month is stored on the first working day of the next.',
	'list.month': 'Month',
	'list.filter': 'Filter',
	'list.revision': 'Revision',
	'list.storedAt': 'Stored',
	'list.changes': 'Changes',
	'list.reason': 'Reason',
	'chart.heatMap': 'Calls and waits by weekday and hour',
	'chart.comparison': 'The month, the previous month and the same month last year',
	'chart.siteLoad': 'Answered calls per site and their share',
	'chart.aht': 'Average handle time by topic',
	'chart.monthly': 'Offered calls per month and year-on-year change',
	'chart.yearly': 'Offered calls per year'
};

export function reportsText(lang: Lang): (key: ReportsKey, vars?: Record<string, string | number>) => string {
	const table: Record<ReportsKey, string> = lang === 'en' ? en : lt;
	return (key, vars) => (vars ? table[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')) : table[key]);
}
