import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { isAccessError } from '$lib/server/auth/accessStore.ts';
import { jsonProblem, jsonResponse, readJson } from '$lib/server/http/json.ts';

export const GET: RequestHandler = async () => jsonResponse({ tokens: await (await getApp()).access.listTokens() });

const newToken = z.object({
	name: z.string().default(''),
	role: z.enum(['admin', 'wallboard', 'ingest']),
	site: z.string().nullable().optional(),
	/** Ingest tokens: the event streams it may write to ('*': any); none: its own default stream. */
	streams: z.array(z.string()).max(100).nullable().optional()
});

/** Creates a token; the secret is in this response only. */
export const POST: RequestHandler = async ({ request }) => {
	const body = await readJson(request, newToken);
	if (body instanceof Response) return body;
	const app = await getApp();
	try {
		return jsonResponse(await app.access.createToken(body), 201);
	} catch (e) {
		if (isAccessError(e)) return jsonProblem(400, e.message);
		throw e;
	}
};
