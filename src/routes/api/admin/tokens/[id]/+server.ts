import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { isAccessError } from '$lib/server/auth/accessStore.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';

/** Revokes a token; every server process stops accepting it within a few seconds. */
export const DELETE: RequestHandler = async ({ params }) => {
	try {
		await (await getApp()).access.revokeToken(params.id);
	} catch (e) {
		if (isAccessError(e)) return jsonProblem(404, e.message);
		throw e;
	}
	return jsonResponse({ revoked: params.id });
};
