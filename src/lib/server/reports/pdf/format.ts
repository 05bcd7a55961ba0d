/**
 * How the PDF writes values and its own texts, per language.
 *
 * Numbers use the language's locale: lt-LT writes a decimal comma and groups thousands with a
 * no-break space (U+00A0), and negative numbers with a real minus (U+2212); en-GB writes
 * "1,234.5". The no-break space keeps a figure on one line. What the tests expect: reading
 * the PDF back (pdfjs) gives each table cell as one text item, in which U+00A0 may come back
 * as U+0020; the tests treat both (and U+202F) as a space and parse the figure back to a number.
 */
import type { MonthlyReport } from '../types.ts';
import { dashboardText } from '../../../i18n/dashboard.ts';
export { DASH, monthInWords } from '../../../reports/cellFormat.ts';
export { reasonText } from '../../../reports/labels.ts';
import type { Lang } from '../../../i18n/pick.ts';

/** An ISO instant on the given zone's clock: "2026-11-03 10:15". */
export function localDateTime(iso: string, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(new Date(iso));
	const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
	return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

const TEXTS = {
	lt: {
		title: 'Kontaktų centro mėnesio ataskaita',
		period: 'Laikotarpis',
		filters: 'Filtrai',
		generated: 'Sugeneruota',
		revision: 'Išsaugota versija Nr. {n}',
		changes: 'Pakeitimai, palyginti su ankstesne versija',
		recomputed: 'Perskaičiuota: kuo skiriasi nuo išsaugotos versijos Nr. {n} ({at})',
		noChanges: 'Perskaičiavus nė vienas skaičius nepasikeitė.',
		emptyTitle: 'Šį mėnesį kontaktų nebuvo',
		emptyBody: 'Laikotarpiu {dates} su šiais filtrais nebuvo nė vieno kontakto (nėra srauto), todėl lentelių ir grafikų nėra.',
		definitions: 'Rodiklių apibrėžimai',
		definitionsVersion: 'Apibrėžimų versija',
		page: 'Puslapis {n} iš {m}',
		inProgress: 'Mėnuo dar nesibaigė: skaičiai – nuo mėnesio pradžios iki sugeneravimo.'
	},
	en: {
		title: 'Contact centre monthly report',
		period: 'Period',
		filters: 'Filters',
		generated: 'Generated',
		revision: 'Stored revision {n}',
		changes: 'Changes against the previous revision',
		recomputed: 'Recalculated: what differs from stored revision {n} ({at})',
		noChanges: 'Recalculated, not one figure changed.',
		emptyTitle: 'No contacts this month',
		emptyBody: 'There was not a single contact in {month} with these filters (no traffic), so there are no tables or charts.',
		definitions: 'Metric definitions',
		definitionsVersion: 'Definitions version',
		page: 'Page {n} of {m}',
		inProgress: 'The month had not ended: the figures are month to date.'
	}
} as const;

export type PdfTextKey = keyof (typeof TEXTS)['lt'];

export function pdfText(lang: Lang): (key: PdfTextKey, vars?: Record<string, string | number>) => string {
	const table = TEXTS[lang];
	return (key, vars) => table[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars?.[k] ?? ''));
}

/** "Tema: Pensijos · Padalinys: visi · Kanalas: Skambučiai". */
export function filterLine(report: MonthlyReport, lang: Lang): string {
	const t = dashboardText(lang);
	const all = t('filters.all');
	const { topic, site, channel } = report.filter;
	const topicName = topic ? (report.names.topics[topic]?.[lang] ?? topic) : all;
	const siteName = site ? (report.names.sites[site] ?? site) : all;
	const channelKey = `channel.${channel}` as const;
	const channelName = channel ? (isChannelKey(channelKey) ? t(channelKey) : channel) : all;
	return [`${t('filters.topic')}: ${topicName}`, `${t('filters.site')}: ${siteName}`, `${t('filters.channel')}: ${channelName}`].join(' · ');
}

const CHANNEL_KEYS = ['channel.voice', 'channel.chat', 'channel.callback', 'channel.email', 'channel.einquiry'] as const;
const isChannelKey = (k: string): k is (typeof CHANNEL_KEYS)[number] => (CHANNEL_KEYS as readonly string[]).includes(k);
