/**
 * The estimated-wait figures as users read them, on the dashboard and in the monthly report:
 * the estimators' names and what the accuracy and staffing figures mean. They are computed in
 * src/lib/server/ewt/accuracy.ts (addOutcome, accuracyFromSums) and staffing.ts: change them
 * together.
 */
import type { Bilingual } from '../i18n/pick.ts';

/** Estimators (src/lib/server/ewt/estimators.ts) and 'announced', what the IVR actually said. */
export const EWT_METHOD_NAMES: Record<string, Bilingual> = {
	erlangA: { lt: 'Erlang-A (eilė su pasitraukimais)', en: 'Erlang-A (queue with abandonment)' },
	centreRule: { lt: 'Centro taisyklė (laukiantys × AHT ÷ konsultantai)', en: 'Centre rule (waiting × AHT ÷ consultants)' },
	headOfLine: { lt: 'Ilgiausiai laukiančiojo laikas', en: 'Head of line' },
	lastToEnterService: { lt: 'Paskutinio atsiliepto laukimas', en: 'Last to enter service' },
	announced: { lt: 'Faktiškai paskelbta IVR', en: 'Actually announced by the IVR' }
};

export const ewtMethodName = (method: string): Bilingual => EWT_METHOD_NAMES[method] ?? { lt: method, en: method };

export const EWT_ACCURACY_DEFINITION: Bilingual = {
	lt: 'Vertinami tik skambintojai, į kurių skambučius atsiliepta: padėjusiojo ragelį laukimas yra tik apatinė riba, todėl tokie skambintojai skaičiuojami atskirai. RMSE – vidutinės kvadratinės paklaidos šaknis; sisteminė paklaida – vidutinis (įvertis − tikrasis laukimas), teigiamas reiškia, kad žadėta per ilgai; MAE – vidutinė absoliuti paklaida; ±30 s ir ±20 % – dalis skambintojų, kurių paklaida ne didesnė; santykinė kvadratinė paklaida – MSE ÷ (vidutinis laukimas)².',
	en: 'Only answered callers are scored: a hung-up caller’s wait is only a lower bound, so those callers are counted apart. RMSE is the root of the mean squared error; bias is the mean of (estimate − actual wait), positive meaning callers were told too long; MAE is the mean absolute error; ±30 s and ±20% are the shares of callers within that error; relative squared error is MSE ÷ (mean wait)².'
};

export const EWT_STAFFING_DEFINITION: Bilingual = {
	lt: 'Pagal pastarųjų 30 min. skambučių srautą ir pastarosios valandos AHT: kiek konsultantų reikia, kad būtų pasiektas temos aptarnavimo lygio tikslas, ir koks aptarnavimo lygis bei vidutinis laukimas tikėtini su dabar aptarnaujančiais. Erlang C daro prielaidą, kad niekas nepadeda ragelio; Erlang A atsižvelgia į išmatuotą skambintojų kantrybę.',
	en: 'From the calls of the last 30 minutes and the AHT of the last hour: the consultants needed to reach the topic’s service-level goal, and the service level and mean wait to expect with those serving now. Erlang C assumes nobody hangs up; Erlang A uses the callers’ measured patience.'
};
