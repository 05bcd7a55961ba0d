import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonResponse } from '$lib/server/http/json.ts';
import { parseFilters } from '$lib/server/http/filters.ts';
import { periodStats } from '$lib/server/stats/periodStats.ts';

/** Period metrics: ?from=YYYY-MM-DD&to=YYYY-MM-DD (centre's dates, inclusive)&topic=&site=&channel= (voice unless given; all) */
export const GET: RequestHandler = async ({ url, locals }) => {
	const app = await getApp();
	const f = parseFilters(url.searchParams, app.config, locals.principal);
	if (f instanceof Response) return f;
	return jsonResponse(await periodStats(app.store.client, f.range, { topic: f.topic, site: f.site, channel: f.channel }, app.config.timeZone));
};
