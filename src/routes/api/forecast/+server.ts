import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonResponse } from '$lib/server/http/json.ts';
import { forecastService } from '$lib/server/forecast/service.ts';

/**
 * GET /api/forecast (supervisors, admins): today's forecast per topic and channel against what
 * happened so far, the projection for the rest of the day with the staff now, the next working
 * days with the fund's known events, and the stored forecasts' accuracy.
 */
export const GET: RequestHandler = async () => {
	const app = await getApp();
	return jsonResponse(await forecastService(app).view(app.ewt.staffing(), app.ewt.now()));
};
