import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonResponse } from '$lib/server/http/json.ts';
import { forecastService } from '$lib/server/forecast/service.ts';

/**
 * GET /api/forecast/tv (any reader, wallboards included): one line per topic for a TV, where
 * today's service level is heading ("iki 17:00: 78 % iš 80 %"). No names, no counts per person.
 */
export const GET: RequestHandler = async () => {
	const app = await getApp();
	const view = await forecastService(app).view(app.ewt.staffing(), app.ewt.now());
	return jsonResponse({
		asOf: view.asOf,
		topics: view.rest.map((r) => ({ topic: r.topic, projectedServiceLevel: r.projectedServiceLevel, goal: r.goal, line: r.line }))
	});
};
