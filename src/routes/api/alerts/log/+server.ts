import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { canOperate } from '$lib/server/auth/principal.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';

/** GET /api/alerts/log[?days=7]: alerts with start, acknowledgement and end, newest first (admins, supervisors). */
export const GET: RequestHandler = async ({ url, locals }) => {
	if (!canOperate(locals.principal ?? null)) return jsonProblem(403, 'the alert log needs an admin or supervisor');
	const days = Number(url.searchParams.get('days') ?? 7);
	if (!Number.isInteger(days) || days < 1 || days > 366) return jsonProblem(400, 'days is a whole number from 1 to 366');
	const app = await getApp();
	const now = Date.now();
	return jsonResponse({ alerts: await app.alerts.store.log(now - days * 86_400_000, now + 1) });
};
