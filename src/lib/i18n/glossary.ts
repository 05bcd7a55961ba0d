/**
 * Texts of the glossary page that are not the metrics' own definitions: names of the live
 * figures (the period metrics' names are METRIC_NAMES in dashboard.ts) and section titles.
 */
import type { LiveMetric } from '../metrics/definitions.ts';
import type { Bilingual, Lang } from './pick.ts';

export const LIVE_METRIC_NAMES: Record<LiveMetric, Bilingual> = {
	waiting: { lt: 'Laukia eilėje', en: 'Waiting' },
	longest_wait: { lt: 'Ilgiausiai laukia', en: 'Longest wait' },
	estimated_wait: { lt: 'Numatomas laukimas', en: 'Estimated wait' },
	agents_available: { lt: 'Laisvi konsultantai', en: 'Consultants available' },
	occupancy: { lt: 'Užimtumas', en: 'Occupancy' },
	share_of_load: { lt: 'Atsilieptų dalis', en: 'Share of answered calls' },
	callbacks_waiting: { lt: 'Laukiantys perskambinimai', en: 'Callbacks waiting' },
	einquiries_open: { lt: 'Neatsakytos e. užklausos', en: 'E-inquiries open' },
	time_in_state: { lt: 'Būsenoje (konsultanto)', en: 'In state (a consultant)' },
	consultant_occupancy_today: { lt: 'Užimtumas šiandien (konsultanto)', en: 'Occupancy today (a consultant)' },
	consultant_aht_today: { lt: 'AHT šiandien (konsultanto)', en: 'AHT today (a consultant)' },
	consultants_after_breaks: { lt: 'Konsultantų po pertraukų (prognozė)', en: 'Consultants after breaks (forecast)' }
};

const TEXTS = {
	lt: { period: 'Laikotarpio rodikliai', live: 'Dabar (tiesiogiai)', scope: 'Kam taikoma ir kaip skaičiuojama' },
	en: { period: 'Figures for a period', live: 'Now (live)', scope: 'What they cover, and how they are counted' }
} satisfies Record<Lang, Record<string, string>>;

export function glossaryText(lang: Lang): (typeof TEXTS)['en'] {
	return TEXTS[lang];
}
