import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonResponse } from '$lib/server/http/json.ts';
import { parseFilters } from '$lib/server/http/filters.ts';
import { ewtAccuracy } from '$lib/server/ewt/accuracyQuery.ts';

/**
 * GET /api/ewt/accuracy?from=YYYY-MM-DD&to=YYYY-MM-DD[&topic=][&channel=]: per estimator (and per topic,
 * and per topic × local hour) how close the estimates came to what callers then waited.
 * Definitions: src/lib/server/ewt/accuracy.ts.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const app = await getApp();
	const f = parseFilters(url.searchParams, app.config, locals.principal);
	if (f instanceof Response) return f;
	const rows = await ewtAccuracy(app.store.client, f.range, { topic: f.topic, channel: f.channel }, app.config.timeZone);
	return jsonResponse({ from: f.range.fromDate, to: f.range.toDate, timeZone: app.config.timeZone, announced: app.config.ewt.announced, rows });
};
