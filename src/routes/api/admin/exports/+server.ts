import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonResponse, readJson } from '$lib/server/http/json.ts';
import { addSchedule, latestLog, listSchedules } from '$lib/server/exports/scheduleStore.ts';
import { scheduleInput } from '$lib/server/exports/types.ts';

/** Schedules and the latest send log entries (admins only: the guard's /api/admin rule). */
export const GET: RequestHandler = async () => {
	const { store } = await getApp();
	const [schedules, log] = await Promise.all([listSchedules(store.client), latestLog(store.client, 30)]);
	return jsonResponse({ schedules, log });
};

export const POST: RequestHandler = async ({ request }) => {
	const body = await readJson(request, scheduleInput);
	if (body instanceof Response) return body;
	const { store } = await getApp();
	return jsonResponse(await addSchedule(store.client, body), 201);
};
