import { CHANNEL_SCOPE_NOTE, DEFINITIONS, LIVE_DEFINITIONS, LIVE_METRICS, PERIOD_METRICS, SITE_SCOPE_NOTE } from '$lib/metrics/definitions.ts';
import { METRIC_NAMES } from '$lib/i18n/dashboard.ts';
import { LIVE_METRIC_NAMES } from '$lib/i18n/glossary.ts';
import type { PageServerLoad } from './$types';

/**
 * Every metric with its name and definition in the UI language, in the closed lists' order:
 * the period metrics, the live figures, and the two rules of scope (channel, site).
 */
export const load: PageServerLoad = ({ locals }) => ({
	metrics: PERIOD_METRICS.map((id) => ({ id, name: METRIC_NAMES[id][locals.lang], definition: DEFINITIONS[id][locals.lang] })),
	live: LIVE_METRICS.map((id) => ({ id, name: LIVE_METRIC_NAMES[id][locals.lang], definition: LIVE_DEFINITIONS[id][locals.lang] })),
	scope: [CHANNEL_SCOPE_NOTE[locals.lang], SITE_SCOPE_NOTE[locals.lang]]
});
