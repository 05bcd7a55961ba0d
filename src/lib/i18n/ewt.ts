/**
 * Texts of the estimated-wait panel (accuracy of the estimators, staffing what-if), in
 * Lithuanian (default) and English. Method names and the figures' definitions are in
 * $lib/metrics/ewt.ts, shared with the monthly report.
 */
import type { Lang } from './pick.ts';

export const lt = {
	'accuracy.title': 'Numatomo laukimo tikslumas',
	'accuracy.empty': 'Šiuo laikotarpiu nėra įvertinimų su žinomu rezultatu.',
	'accuracy.method': 'Metodas',
	'accuracy.n': 'Įvertinta',
	'accuracy.rmse': 'RMSE, s',
	'accuracy.bias': 'Sisteminė paklaida, s',
	'accuracy.mae': 'MAE, s',
	'accuracy.within30': '±30 s',
	'accuracy.within20pct': '±20 %',
	'accuracy.rse': 'Santykinė kv. paklaida',
	'accuracy.abandoned': 'Neatsiliepta',
	'accuracy.announcedNow': 'skelbiamas',
	'accuracy.by': 'Rodyti',
	'accuracy.byMethod': 'pagal metodą',
	'accuracy.byTopic': 'pagal temą',
	'accuracy.byHour': 'pagal valandą',
	'staffing.title': 'Personalo poreikis dabar',
	'staffing.topic': 'Tema',
	'staffing.arrivals': 'Skambučių per valandą',
	'staffing.aht': 'AHT, s',
	'staffing.patience': 'Kantrybė, s',
	'staffing.serving': 'Aptarnauja dabar',
	'staffing.neededC': 'Reikia (Erlang C)',
	'staffing.neededA': 'Reikia (Erlang A)',
	'staffing.slNow': 'Tikėtinas aptarnavimo lygis dabar',
	'staffing.waitNow': 'Tikėtinas laukimas dabar, s',
	'staffing.noTraffic': 'per mažai skambučių',
};

export type EwtKey = keyof typeof lt;

const en: Record<EwtKey, string> = {
	'accuracy.title': 'Estimated wait accuracy',
	'accuracy.empty': 'No estimates with a known outcome in this period.',
	'accuracy.method': 'Method',
	'accuracy.n': 'Scored',
	'accuracy.rmse': 'RMSE, s',
	'accuracy.bias': 'Bias, s',
	'accuracy.mae': 'MAE, s',
	'accuracy.within30': '±30 s',
	'accuracy.within20pct': '±20%',
	'accuracy.rse': 'Relative sq. error',
	'accuracy.abandoned': 'Not answered',
	'accuracy.announcedNow': 'announced',
	'accuracy.by': 'Show',
	'accuracy.byMethod': 'by method',
	'accuracy.byTopic': 'by topic',
	'accuracy.byHour': 'by hour',
	'staffing.title': 'Staffing needed now',
	'staffing.topic': 'Topic',
	'staffing.arrivals': 'Calls per hour',
	'staffing.aht': 'AHT, s',
	'staffing.patience': 'Patience, s',
	'staffing.serving': 'Serving now',
	'staffing.neededC': 'Needed (Erlang C)',
	'staffing.neededA': 'Needed (Erlang A)',
	'staffing.slNow': 'Expected service level now',
	'staffing.waitNow': 'Expected wait now, s',
	'staffing.noTraffic': 'too few calls',
};

export function ewtText(lang: Lang): (key: EwtKey) => string {
	const table = lang === 'en' ? en : lt;
	return (key) => table[key];
}
