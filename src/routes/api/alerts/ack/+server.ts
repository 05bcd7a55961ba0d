import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { canOperate } from '$lib/server/auth/principal.ts';
import { jsonProblem, jsonResponse, readJson } from '$lib/server/http/json.ts';

/** POST /api/alerts/ack {"id"}: a supervisor or admin acknowledges an active alert (once). */
export const POST: RequestHandler = async ({ request, locals }) => {
	const p = locals.principal ?? null;
	if (!canOperate(p)) return jsonProblem(403, 'acknowledging alerts needs an admin or supervisor');
	const body = await readJson(request, z.object({ id: z.string().min(1).max(200) }));
	if (body instanceof Response) return body;
	const app = await getApp();
	if (!app.alerts.acknowledge(body.id, p!.name || p!.id)) {
		const active = app.alerts.active().find((a) => a.id === body.id);
		return active ? jsonProblem(409, 'this alert was already acknowledged') : jsonProblem(404, 'no active alert with this id (it may have ended)');
	}
	// Screens learn of it at once rather than at the next tick.
	app.live.nudge();
	return jsonResponse({ acknowledged: body.id });
};
