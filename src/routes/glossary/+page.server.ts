import { CHANNEL_SCOPE_NOTE, DEFINITIONS, LIVE_DEFINITIONS, LIVE_METRICS, PERIOD_METRICS, SITE_SCOPE_NOTE, WAIT_LIMITS_NOTE, WRAP_UP_RULE_NOTE } from '$lib/metrics/definitions.ts';
import { UNITS_NOTE } from '$lib/metrics/units.ts';
import { PARTIAL_NOTE } from '$lib/charts/partial.ts';
import { METRIC_NAMES } from '$lib/i18n/dashboard.ts';
import { LIVE_METRIC_NAMES } from '$lib/i18n/glossary.ts';
import { getApp } from '$lib/server/app.ts';
import { unmappedTarget } from '../../../ingest/rows.ts';
import type { PageServerLoad } from './$types';

/**
 * Every metric with its name and definition in the UI language, in the closed lists' order:
 * the period metrics, the live figures, the rules of scope (channel, site, units, partial
 * periods, the target of a queue no topic is mapped to) and the ingest's rules that move figures
 * (wrap-up never reported, the longest wait per channel).
 */
export const load: PageServerLoad = async ({ locals }) => {
	const { config } = await getApp();
	const target = unmappedTarget(config);
	const unmapped = {
		lt: `Kontaktas iš eilės, nepriskirtos jokiai temai, vertinamas pagal ${target} s tikslinį laiką (jį keičia administratorius centro nustatymuose).`,
		en: `A contact from a queue mapped to no topic is judged against a ${target} s target (an administrator sets it in the centre's configuration).`
	};
	return {
		metrics: PERIOD_METRICS.map((id) => ({ id, name: METRIC_NAMES[id][locals.lang], definition: DEFINITIONS[id][locals.lang] })),
		live: LIVE_METRICS.map((id) => ({ id, name: LIVE_METRIC_NAMES[id][locals.lang], definition: LIVE_DEFINITIONS[id][locals.lang] })),
		scope: [CHANNEL_SCOPE_NOTE, SITE_SCOPE_NOTE, UNITS_NOTE, PARTIAL_NOTE, unmapped, WRAP_UP_RULE_NOTE, WAIT_LIMITS_NOTE].map((n) => n[locals.lang])
	};
};
