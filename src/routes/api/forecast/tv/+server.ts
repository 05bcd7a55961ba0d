import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonResponse } from '$lib/server/http/json.ts';
import { ForecastService, forecastService } from '$lib/server/forecast/service.ts';

/** The forecast of a set clock (`wallboard.forecastNow`), apart from the real one and its cache. */
let setClock: { at: string; service: ForecastService } | null = null;

/**
 * GET /api/forecast/tv (any reader, wallboards included): one line per topic for a TV, where
 * today's service level is heading ("iki 17:00: 78 % iš 80 %"); `line` is null outside opening
 * hours. No names, no counts per person. With `wallboard.forecastNow` set (tests and
 * demonstrations only) the line is the one that instant had, from its own service, so the
 * every-minute forecast of the real day and its cache are left alone.
 */
export const GET: RequestHandler = async () => {
	const app = await getApp();
	const at = app.config.wallboard.forecastNow;
	let view;
	if (at === undefined) view = await forecastService(app).view(app.ewt.staffing(), app.ewt.now());
	else {
		if (setClock?.at !== at) setClock = { at, service: new ForecastService(app.store.client, app.config) };
		view = await setClock.service.view(app.ewt.staffing(), Date.parse(at));
	}
	return jsonResponse({
		asOf: view.asOf,
		topics: view.rest.map((r) => ({ topic: r.topic, projectedServiceLevel: r.projectedServiceLevel, goal: r.goal, line: r.line }))
	});
};
