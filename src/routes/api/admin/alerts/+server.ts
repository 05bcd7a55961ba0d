import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonProblem, jsonResponse, readJson } from '$lib/server/http/json.ts';
import { alertRulesSchema } from '$lib/server/alerts/rules.ts';
import { TOPIC_FIGURES } from '$lib/live/alerts.ts';

/** GET /api/admin/alerts: the rules in force, who saved them, and the active alerts. */
export const GET: RequestHandler = async () => {
	const app = await getApp();
	return jsonResponse({ rules: app.alerts.rules, savedBy: app.alerts.savedBy, active: app.alerts.active() });
};

/** PUT /api/admin/alerts {"rules": [...]}: replaces the rules (kept in ClickHouse, newest wins). */
export const PUT: RequestHandler = async ({ request, locals }) => {
	const body = await readJson(request, z.object({ rules: alertRulesSchema }));
	if (body instanceof Response) return body;
	const app = await getApp();
	const topics = new Set(app.config.topics.map((t) => t.id));
	for (const r of body.rules) {
		if (r.scope !== 'each' && r.scope !== 'centre' && !topics.has(r.scope)) return jsonProblem(400, `rule "${r.id}": unknown topic "${r.scope}"`);
		if (!TOPIC_FIGURES.includes(r.figure) && r.scope !== 'centre') return jsonProblem(400, `rule "${r.id}": ${r.figure} is a centre-wide figure: its scope is "centre"`);
	}
	const p = locals.principal!;
	await app.alerts.setRules(body.rules, p.name || p.id);
	return jsonResponse({ rules: app.alerts.rules, savedBy: app.alerts.savedBy });
};
