import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { queryRows } from '$lib/server/clickhouse/sql.ts';
import { jsonResponse } from '$lib/server/http/json.ts';

/** GET /api/ingest/rejected?limit=100&source=NAME: the latest rejected records with reasons, and counts by reason. */
export const GET: RequestHandler = async ({ url }) => {
	const app = await getApp();
	const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
	const source = url.searchParams.get('source') ?? '';
	const [latest, byReason] = await Promise.all([
		queryRows(app.store.client, 'ingest/rejected_latest', { limit, source, max_raw: 4096 }),
		queryRows(app.store.client, 'ingest/rejected_by_reason')
	]);
	return jsonResponse({ latest, byReason });
};
