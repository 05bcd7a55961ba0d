import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';
import { localDateRange } from '$lib/server/stats/periodRange.ts';
import { ahtByTopic, intradayProfile, monthlyOffered, monthlyWaits, yearlyOffered } from '$lib/server/stats/trends.ts';
import { TREND_KINDS, type TrendFilter, type TrendKind } from '$lib/charts/types.ts';

const CHANNELS = ['voice', 'chat', 'callback', 'email', 'einquiry'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * GET /api/trends?kind=yearly|monthly|waits|intraday|aht (default: all of them)
 *   &channel=voice (default; "all" for every channel)&topic=&site=
 *   &from=&to= (centre's dates, inclusive: the AHT range; default today)
 *   &date= (the intraday day, compared with the same weekday a week before; default today)
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const app = await getApp();
	const q = url.searchParams;
	const tz = app.config.timeZone;

	const kindParam = q.get('kind');
	if (kindParam !== null && !TREND_KINDS.includes(kindParam as TrendKind))
		return jsonProblem(400, `kind must be one of ${TREND_KINDS.join(', ')}, got "${kindParam}"`);
	const kinds: readonly TrendKind[] = kindParam ? [kindParam as TrendKind] : TREND_KINDS;

	const channelParam = q.get('channel') ?? 'voice';
	if (channelParam !== 'all' && !CHANNELS.includes(channelParam)) return jsonProblem(400, `unknown channel "${channelParam}"`);
	const topic = q.get('topic') || null;
	if (topic && !app.config.topics.some((t) => t.id === topic)) return jsonProblem(400, `unknown topic "${topic}"`);
	// A site-limited principal sees its own site only (the hook already refused any other).
	const site = locals.principal?.site ?? (q.get('site') || null);
	if (site && !app.config.sites.some((s) => s.id === site)) return jsonProblem(400, `unknown site "${site}"`);
	const filter: TrendFilter = { channel: channelParam === 'all' ? null : channelParam, topic, site };

	let range;
	try {
		range = localDateRange(q.get('from'), q.get('to'), tz);
	} catch (e) {
		return jsonProblem(400, (e as Error).message);
	}
	const date = q.get('date');
	if (date !== null && (!DATE.test(date) || Number.isNaN(Date.parse(date)))) return jsonProblem(400, `date must be YYYY-MM-DD, got "${date}"`);

	const db = app.store.client;
	const topicIds = app.config.topics.map((t) => t.id);
	const run: Record<TrendKind, () => Promise<unknown>> = {
		yearly: () => yearlyOffered(db, filter, tz),
		monthly: () => monthlyOffered(db, filter, tz),
		waits: () => monthlyWaits(db, filter, tz),
		intraday: () => intradayProfile(db, filter, tz, date),
		aht: async () => ({ from: range.fromDate, to: range.toDate, topics: await ahtByTopic(db, filter, tz, range, topicIds) })
	};
	const values = await Promise.all(kinds.map((k) => run[k]()));
	return jsonResponse({ timeZone: tz, filter, ...Object.fromEntries(kinds.map((k, i) => [k, values[i]])) });
};
