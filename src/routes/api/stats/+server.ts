import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';
import { localDateRange } from '$lib/server/stats/periodRange.ts';
import { periodStats } from '$lib/server/stats/periodStats.ts';

/** Period metrics: ?from=YYYY-MM-DD&to=YYYY-MM-DD (centre's dates, inclusive)&topic=&site=&channel= */
export const GET: RequestHandler = async ({ url, locals }) => {
	const app = await getApp();
	const q = url.searchParams;
	let range;
	try {
		range = localDateRange(q.get('from'), q.get('to'), app.config.timeZone);
	} catch (e) {
		return jsonProblem(400, (e as Error).message);
	}
	// A site-limited principal sees its own site only (the hook already refused any other).
	const site = locals.principal?.site ?? q.get('site');
	const topic = q.get('topic');
	if (topic && !app.config.topics.some((t) => t.id === topic)) return jsonProblem(400, `unknown topic "${topic}"`);
	return jsonResponse(
		await periodStats(app.store.client, range, { topic, site, channel: q.get('channel') }, app.config.timeZone)
	);
};
