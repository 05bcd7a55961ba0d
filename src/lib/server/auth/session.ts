import type { Cookies } from '@sveltejs/kit';
import type { App } from '../app.ts';
import { createSessionValue, SESSION_COOKIE } from './sessionCookie.ts';

export async function startSession(cookies: Cookies, app: App, username: string, url: URL): Promise<void> {
	const ttl = app.config.auth.sessionHours * 3600_000;
	const passwordVersion = await app.access.passwordVersionOf(username);
	if (passwordVersion === null) throw new Error(`no user "${username}" to start a session for`);
	cookies.set(SESSION_COOKIE, createSessionValue({ username, passwordVersion }, ttl, app.sessionKey), {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: ttl / 1000
	});
}

/** Only same-site relative paths may follow a sign-in (no open redirects). */
export function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
