import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';
import { removeSchedule } from '$lib/server/exports/scheduleStore.ts';

export const DELETE: RequestHandler = async ({ params }) => {
	const { store } = await getApp();
	if (!(await removeSchedule(store.client, params.id))) return jsonProblem(404, `no schedule "${params.id}"`);
	return jsonResponse({ removed: params.id });
};
