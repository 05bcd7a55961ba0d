/**
 * Texts of the estimated-wait panel (accuracy of the estimators, staffing what-if), in
 * Lithuanian (default) and English. The metric definitions here are the ones computed in
 * src/lib/server/ewt/accuracy.ts and staffing.ts; change them together.
 */
import type { Lang } from './pick.ts';

const lt = {
	'accuracy.title': 'Numatomo laukimo tikslumas',
	'accuracy.empty': 'Šiuo laikotarpiu nėra įvertinimų su žinomu rezultatu.',
	'accuracy.method': 'Metodas',
	'accuracy.n': 'Įvertinta',
	'accuracy.rmse': 'RMSE, s',
	'accuracy.bias': 'Poslinkis, s',
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
	'accuracy.definitions':
		'Vertinami tik atsiliepti skambintojai: padėjusiojo ragelį laukimas yra tik apatinė riba, todėl jie skaičiuojami atskirai. RMSE – vidutinės kvadratinės paklaidos šaknis; poslinkis – vidutinis (įvertis − tikrasis laukimas), teigiamas reiškia, kad žadėta per ilgai; MAE – vidutinė absoliuti paklaida; ±30 s ir ±20 % – dalis skambintojų, kurių paklaida ne didesnė; santykinė kvadratinė paklaida – MSE ÷ (vidutinis laukimas)².',
	'method.erlangA': 'Erlang-A (eilė su pasitraukimais)',
	'method.centreRule': 'Centro taisyklė (laukiantys × AHT ÷ konsultantai)',
	'method.headOfLine': 'Ilgiausiai laukiančiojo laikas',
	'method.lastToEnterService': 'Paskutinio atsiliepto laukimas',
	'method.announced': 'Faktiškai paskelbta IVR',
	'staffing.title': 'Personalo poreikis dabar',
	'staffing.topic': 'Tema',
	'staffing.arrivals': 'Skambučių per valandą',
	'staffing.aht': 'AHT, s',
	'staffing.patience': 'Kantrybė, s',
	'staffing.serving': 'Aptarnauja dabar',
	'staffing.neededC': 'Reikia (Erlang C)',
	'staffing.neededA': 'Reikia (Erlang A)',
	'staffing.slNow': 'Tikėtinas SL dabar',
	'staffing.waitNow': 'Tikėtinas laukimas dabar, s',
	'staffing.noTraffic': 'per mažai skambučių',
	'staffing.definitions':
		'Pagal pastarųjų 30 min. skambučių srautą ir pastarosios valandos AHT: kiek konsultantų reikia, kad būtų pasiektas temos aptarnavimo lygio tikslas, ir koks aptarnavimo lygis bei vidutinis laukimas tikėtini su dabar aptarnaujančiais. Erlang C daro prielaidą, kad niekas nepadeda ragelio; Erlang A įvertina išmatuotą skambintojų kantrybę.'
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
	'accuracy.definitions':
		'Only answered callers are scored: a caller who hung up waited only a lower bound of his wait, so those are counted apart. RMSE is the root of the mean squared error; bias is the mean of (estimate − actual wait), positive meaning callers were told too long; MAE is the mean absolute error; ±30 s and ±20% are the shares of callers within that error; relative squared error is MSE ÷ (mean wait)².',
	'method.erlangA': 'Erlang-A (queue with abandonment)',
	'method.centreRule': 'Centre rule (waiting × AHT ÷ consultants)',
	'method.headOfLine': 'Head of line',
	'method.lastToEnterService': 'Last to enter service',
	'method.announced': 'Actually announced by the IVR',
	'staffing.title': 'Staffing needed now',
	'staffing.topic': 'Topic',
	'staffing.arrivals': 'Calls per hour',
	'staffing.aht': 'AHT, s',
	'staffing.patience': 'Patience, s',
	'staffing.serving': 'Serving now',
	'staffing.neededC': 'Needed (Erlang C)',
	'staffing.neededA': 'Needed (Erlang A)',
	'staffing.slNow': 'Expected SL now',
	'staffing.waitNow': 'Expected wait now, s',
	'staffing.noTraffic': 'too few calls',
	'staffing.definitions':
		'From the calls of the last 30 minutes and the AHT of the last hour: the consultants needed to reach the topic’s service-level goal, and the service level and mean wait to expect with those serving now. Erlang C assumes nobody hangs up; Erlang A uses the callers’ measured patience.'
};

export function ewtText(lang: Lang): (key: EwtKey) => string {
	const table = lang === 'en' ? en : lt;
	return (key) => table[key];
}
