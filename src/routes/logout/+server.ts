import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { readSessionValue, SESSION_COOKIE } from '$lib/server/auth/sessionCookie.ts';

/**
 * Signing out ends the session on the server too (ended_sessions), so a copy of the cookie left
 * behind stops working. If the store cannot be reached, the browser's cookie is still removed and
 * the person signed out; the copy then lasts until it expires, and the log says so.
 */
export const POST: RequestHandler = async ({ cookies }) => {
	const app = await getApp();
	const session = readSessionValue(cookies.get(SESSION_COOKIE), app.sessionKey);
	if (session?.sessionId) {
		await app.access.endSession(session.sessionId, session.expiresAt).catch((e: unknown) => {
			console.error(`sign-out: could not record the end of ${session.username}'s session (${(e as Error).message}); its cookie stays valid until it expires`);
		});
	}
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/login');
};
