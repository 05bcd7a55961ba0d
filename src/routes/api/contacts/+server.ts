import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { queryRows } from '$lib/server/clickhouse/sql.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';
import { parseFilters } from '$lib/server/http/filters.ts';
import { renderContactsCsv } from '$lib/server/contacts/csv.ts';
import type { ContactRow } from '$lib/charts/types.ts';

const OUTCOMES = ['answered', 'abandoned', 'short_abandoned', 'timed_out', 'left', 'callback_requested', 'unknown'];
/** The columns one may sort by: a closed list, bound to list.sql as a value (never spliced into SQL). */
const SORTS = ['time', 'wait', 'talk', 'hold', 'wrap', 'handle', 'outcome', 'topic', 'site'] as const;
const MAX_LIMIT = 500;
/** A CSV holds at most this many rows; a bigger selection says so in the file's last line. */
const CSV_CAP = 100_000;

/**
 * GET /api/contacts?from=&to= (centre's dates, inclusive; default today)&topic=&site=
 *   &channel= (voice when absent; all)&outcome= (answered, abandoned, short_abandoned, …)
 *   &sort= (time, wait, talk, hold, wrap, handle, outcome, topic, site; default time)&dir= (desc default, asc)
 *   &limit= (≤ 500, default 100)&offset= (default 0)
 * The raw contacts behind a figure, one page of them, with the selection's total for paging.
 * &format=csv: the whole selection (up to CSV_CAP rows) as a CSV file, same filters and order.
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
	const sort = q.get('sort') || 'time';
	if (!(SORTS as readonly string[]).includes(sort)) return jsonProblem(400, `sort must be one of ${SORTS.join(', ')}`);
	const dir = q.get('dir') || 'desc';
	if (dir !== 'asc' && dir !== 'desc') return jsonProblem(400, 'dir must be asc or desc');
	const format = q.get('format') || 'json';
	if (format !== 'json' && format !== 'csv') return jsonProblem(400, 'format must be json or csv');
	const limitParam = q.get('limit');
	const limit = limitParam === null ? 100 : Number(limitParam);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return jsonProblem(400, `limit must be an integer 1…${MAX_LIMIT}`);
	const offsetParam = q.get('offset');
	const offset = offsetParam === null ? 0 : Number(offsetParam);
	if (!Number.isInteger(offset) || offset < 0 || offset > 1e9) return jsonProblem(400, 'offset must be a whole number ≥ 0');

	const where = { from: Math.floor(range.fromMs / 1000), to: Math.floor(range.toMs / 1000), topic, site, channel, outcome };
	const [counted] = await queryRows<{ total: string | number }>(app.store.client, 'contacts/count', where);
	const total = Number(counted?.total ?? 0);
	const page = { sort, desc: dir === 'desc' ? 1 : 0 };
	if (format === 'csv') {
		const rows = await queryRows<ContactRow>(app.store.client, 'contacts/list', { ...where, ...page, limit: CSV_CAP, offset: 0 });
		const body = renderContactsCsv(rows, { lang: locals.lang, timeZone: app.config.timeZone, total, cap: CSV_CAP });
		return new Response(body, {
			headers: {
				'content-type': 'text/csv; charset=utf-8; header=present',
				'content-disposition': `attachment; filename="contacts-${range.fromDate}-${range.toDate}.csv"`,
				'cache-control': 'no-store'
			}
		});
	}
	const contacts = await queryRows<ContactRow>(app.store.client, 'contacts/list', { ...where, ...page, limit, offset });
	return jsonResponse({ from: range.fromDate, to: range.toDate, sort, dir, limit, offset, total, contacts });
};
