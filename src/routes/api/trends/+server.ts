import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';
import { parseFilters } from '$lib/server/http/filters.ts';
import { dateRangeProblem } from '$lib/server/http/dateRange.ts';
import { ahtByTopic, intradayProfile, monthlyOffered, monthlyWaits, yearlyOffered } from '$lib/server/stats/trends.ts';
import { isIsoDate } from '$lib/calendar/localDate.ts';
import { TREND_KINDS, type TrendFilter, type TrendKind } from '$lib/charts/types.ts';

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

	const f = parseFilters(q, app.config, locals.principal);
	if (f instanceof Response) return f;
	const filter: TrendFilter = { channel: f.channel, topic: f.topic, site: f.site };
	const range = f.range;
	const date = q.get('date');
	if (date !== null && !isIsoDate(date)) return jsonProblem(400, `date must be a calendar date YYYY-MM-DD, got "${date}"`);
	const outside = date === null ? null : dateRangeProblem('date', date);
	if (outside) return jsonProblem(400, outside);

	const db = app.store.client;
	const topicIds = app.config.topics.map((t) => t.id);
	const run: Record<TrendKind, () => Promise<unknown>> = {
		yearly: () => yearlyOffered(db, filter, tz),
		monthly: () => monthlyOffered(db, filter, tz),
		waits: () => monthlyWaits(db, filter, tz),
		intraday: () => intradayProfile(db, filter, tz, date, Date.now(), app.config.openingHours),
		aht: async () => ({ from: range.fromDate, to: range.toDate, topics: await ahtByTopic(db, filter, tz, range, topicIds) })
	};
	const values = await Promise.all(kinds.map((k) => run[k]()));
	return jsonResponse({ timeZone: tz, filter, ...Object.fromEntries(kinds.map((k, i) => [k, values[i]])) });
};
