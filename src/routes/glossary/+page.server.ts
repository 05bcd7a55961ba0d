import {
	CHANNEL_SCOPE_NOTE,
	DEFINITIONS,
	LIVE_DEFINITIONS,
	LIVE_METRICS,
	PERIOD_METRICS,
	SITE_SCOPE_NOTE,
	WAIT_LIMITS_NOTE,
	WRAP_UP_RULE_NOTE
} from '$lib/metrics/definitions.ts';
import { METRIC_NAMES } from '$lib/i18n/dashboard.ts';
import { LIVE_METRIC_NAMES } from '$lib/i18n/glossary.ts';
import type { PageServerLoad } from './$types';

/**
 * Every metric with its name and definition in the UI language, in the closed lists' order:
 * the period metrics, the live figures, the two rules of scope (channel, site) and the ingest's
 * rules that move figures (wrap-up never reported, the longest wait per channel).
 */
export const load: PageServerLoad = ({ locals }) => ({
	metrics: PERIOD_METRICS.map((id) => ({ id, name: METRIC_NAMES[id][locals.lang], definition: DEFINITIONS[id][locals.lang] })),
	live: LIVE_METRICS.map((id) => ({ id, name: LIVE_METRIC_NAMES[id][locals.lang], definition: LIVE_DEFINITIONS[id][locals.lang] })),
	scope: [CHANNEL_SCOPE_NOTE, SITE_SCOPE_NOTE, WRAP_UP_RULE_NOTE, WAIT_LIMITS_NOTE].map((note) => note[locals.lang])
});
