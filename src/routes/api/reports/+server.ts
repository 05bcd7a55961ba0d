import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonResponse } from '$lib/server/http/json.ts';
import { listStored } from '$lib/server/reports/store.ts';

/** GET /api/reports: the stored (frozen) report revisions, newest month first. */
export const GET: RequestHandler = async () => {
	const app = await getApp();
	return jsonResponse({ reports: await listStored(app.store.client) });
};
