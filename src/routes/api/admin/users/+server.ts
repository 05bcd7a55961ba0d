import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { isAccessError } from '$lib/server/auth/accessStore.ts';
import { jsonProblem, jsonResponse, readJson } from '$lib/server/http/json.ts';

export const GET: RequestHandler = async () => jsonResponse({ users: await (await getApp()).access.listUsers() });

const newUser = z.object({
	username: z.string(),
	password: z.string(),
	role: z.enum(['admin', 'supervisor', 'wallboard']),
	displayName: z.string().optional(),
	site: z.string().nullable().optional()
});

export const POST: RequestHandler = async ({ request }) => {
	const body = await readJson(request, newUser);
	if (body instanceof Response) return body;
	const app = await getApp();
	try {
		await app.access.addUser(body);
	} catch (e) {
		if (isAccessError(e)) return jsonProblem(400, e.message);
		throw e;
	}
	return jsonResponse({ created: body.username.trim().toLowerCase() }, 201);
};
