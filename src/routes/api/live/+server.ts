import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';
import { maySeeConsultants } from '$lib/server/live/consultants.ts';

/** GET /api/live[?site=]: the current live state (the same views the /live WebSocket sends). */
export const GET: RequestHandler = async ({ url, locals }) => {
	const app = await getApp();
	const view = locals.principal?.site ?? url.searchParams.get('site') ?? 'all';
	if (view !== 'all' && !app.config.sites.some((s) => s.id === view)) return jsonProblem(400, `unknown site "${view}"`);
	return jsonResponse(await app.live.current(view, maySeeConsultants(locals.principal ?? null, app.config)));
};
