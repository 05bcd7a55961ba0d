import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { queryRows } from '$lib/server/clickhouse/sql.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';
import { parseFilters } from '$lib/server/http/filters.ts';
import type { ContactRow } from '$lib/charts/types.ts';

const OUTCOMES = ['answered', 'abandoned', 'short_abandoned', 'timed_out', 'left', 'callback_requested', 'unknown'];
const MAX_LIMIT = 500;

/**
 * GET /api/contacts?from=&to= (centre's dates, inclusive; default today)&topic=&site=
 *   &channel= (voice when absent; all)&outcome= (answered, abandoned, short_abandoned, …)&limit= (≤ 500, default 100)
 * The raw contacts behind a figure, newest first.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const app = await getApp();
	const q = url.searchParams;
	const f = parseFilters(q, app.config, locals.principal);
	if (f instanceof Response) return f;
	const { range } = f;
	const [topic, site, channel] = [f.topic ?? '', f.site ?? '', f.channel ?? ''];
	const outcome = q.get('outcome') || '';
	if (outcome && !OUTCOMES.includes(outcome)) return jsonProblem(400, `outcome must be one of ${OUTCOMES.join(', ')}`);
	const limitParam = q.get('limit');
	const limit = limitParam === null ? 100 : Number(limitParam);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return jsonProblem(400, `limit must be an integer 1…${MAX_LIMIT}`);

	const contacts = await queryRows<ContactRow>(app.store.client, 'contacts/list', {
		from: Math.floor(range.fromMs / 1000),
		to: Math.floor(range.toMs / 1000),
		topic,
		site,
		channel,
		outcome,
		limit
	});
	return jsonResponse({ from: range.fromDate, to: range.toDate, limit, contacts });
};
