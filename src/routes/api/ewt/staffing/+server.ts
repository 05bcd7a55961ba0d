import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonResponse } from '$lib/server/http/json.ts';

/** GET /api/ewt/staffing: per topic, the consultants needed for its goal and what today's staff can expect. */
export const GET: RequestHandler = async () => {
	const app = await getApp();
	return jsonResponse({ asOf: new Date().toISOString(), ready: app.ewt.ready, topics: app.ewt.staffing() });
};
