import { DEFINITIONS, PERIOD_METRICS } from '$lib/metrics/definitions.ts';
import { METRIC_NAMES } from '$lib/i18n/dashboard.ts';
import type { PageServerLoad } from './$types';

/** Every period metric with its name and definition in the UI language, in the closed list's order. */
export const load: PageServerLoad = ({ locals }) => ({
	metrics: PERIOD_METRICS.map((id) => ({ id, name: METRIC_NAMES[id][locals.lang], definition: DEFINITIONS[id][locals.lang] }))
});
