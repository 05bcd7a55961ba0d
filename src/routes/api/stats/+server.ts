import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonResponse } from '$lib/server/http/json.ts';
import { parseFilters } from '$lib/server/http/filters.ts';
import { periodStats } from '$lib/server/stats/periodStats.ts';
import { writtenDeadlines } from '$lib/server/stats/writtenDeadlines.ts';

/**
 * Period metrics: ?from=YYYY-MM-DD&to=YYYY-MM-DD (centre's dates, inclusive)&topic=&site=&channel= (voice unless given; all).
 * For a written channel (callback, einquiry) `written` holds its deadline figures and its
 * service level is empty: it is not judged against a call's seconds target.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const app = await getApp();
	const f = parseFilters(url.searchParams, app.config, locals.principal);
	if (f instanceof Response) return f;
	const db = app.store.client;
	const filter = { topic: f.topic, site: f.site, channel: f.channel };
	const [stats, written] = await Promise.all([periodStats(db, f.range, filter, app.config.timeZone), writtenDeadlines(db, f.range, filter, app.config)]);
	return jsonResponse({ ...stats, written });
};
