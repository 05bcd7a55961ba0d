import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { queryRows } from '$lib/server/clickhouse/sql.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';
import { isRejectReason } from '../../../../../ingest/parsers/rejectReasons.ts';

/**
 * GET /api/ingest/rejected?limit=100&source=NAME&reason=CLASS: rejected records grouped by
 * reason class (`byReason`: how many, and the latest example of each) and the latest records
 * themselves (`latest`, of one class with `reason`). `reason` is a stable key
 * (ingest/parsers/rejectReasons.ts); `detail` says what exactly was wrong, with the value.
 * `count` is 1, or how many records a batch's summary row stands for (ingest/rejectedBatch.ts).
 */
export const GET: RequestHandler = async ({ url }) => {
	const app = await getApp();
	const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
	const source = url.searchParams.get('source') ?? '';
	const reason = url.searchParams.get('reason') ?? '';
	if (reason !== '' && !isRejectReason(reason)) return jsonProblem(400, `unknown reason class "${reason.slice(0, 60)}"`);
	const [latest, byReason] = await Promise.all([
		queryRows(app.store.client, 'ingest/rejected_latest', { limit, source, reason, max_raw: 4096 }),
		queryRows(app.store.client, 'ingest/rejected_by_reason', { source, max_raw: 4096, max_detail: 1000 })
	]);
	return jsonResponse({ byReason, latest });
};
