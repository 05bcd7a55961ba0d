import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { isAccessError } from '$lib/server/auth/accessStore.ts';
import { signedInUser } from '$lib/server/auth/principal.ts';
import { jsonProblem, jsonResponse, readJson } from '$lib/server/http/json.ts';

/**
 * A person's account while the server runs (in embedded mode the only way: the server holds the
 * data directory). Both end the person's signed-in sessions: a session is checked against the
 * account, which every server process re-reads within a few seconds.
 */

/** Disables the account: no sign-in, and open sessions end. */
export const DELETE: RequestHandler = async ({ params, locals }) => {
	try {
		await (await getApp()).access.disableUser(params.username, signedInUser(locals.principal));
	} catch (e) {
		if (isAccessError(e)) return jsonProblem(e.problem === 'missing' ? 404 : 400, e.message);
		throw e;
	}
	return jsonResponse({ disabled: params.username });
};

const change = z.object({ password: z.string() });

/** Sets a new password. */
export const PATCH: RequestHandler = async ({ params, request }) => {
	const body = await readJson(request, change);
	if (body instanceof Response) return body;
	try {
		await (await getApp()).access.setPassword(params.username, body.password);
	} catch (e) {
		if (isAccessError(e)) return jsonProblem(/^no user/.test(e.message) ? 404 : 400, e.message);
		throw e;
	}
	return jsonResponse({ changed: params.username });
};
