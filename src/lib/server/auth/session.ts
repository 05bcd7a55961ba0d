import type { Cookies } from '@sveltejs/kit';
import type { App } from '../app.ts';
import { createSessionValue, SESSION_COOKIE } from './sessionCookie.ts';
import { newSessionId } from './secrets.ts';

export async function startSession(cookies: Cookies, app: App, username: string, url: URL): Promise<void> {
	const ttl = app.config.auth.sessionHours * 3600_000;
	const passwordVersion = await app.access.passwordVersionOf(username);
	if (passwordVersion === null) throw new Error(`no user "${username}" to start a session for`);
	// The name signing out records (ended_sessions) to end this session alone.
	const sessionId = newSessionId();
	cookies.set(SESSION_COOKIE, createSessionValue({ username, passwordVersion, sessionId }, ttl, app.sessionKey), {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: ttl / 1000
	});
}

const BASE = 'http://callboard.invalid';

/**
 * Only a path of this site may follow a sign-in or a language switch (no open redirects). The
 * path is resolved as a browser would and must stay on this origin; control characters and
 * backslashes are refused outright: browsers drop a tab inside a URL, so "/\t/evil.example"
 * passed a check for a leading "//" and then went to evil.example.
 * :TRICKY: resolving is not the end of it: "/.//evil.example" and "/x/..//evil.example" resolve to
 * the path "//evil.example" on this origin, which a browser reads back as another host. What is
 * returned therefore starts with one "/" and no second "/" or "\".
 */
export function safeNext(next: string | null): string {
	if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return '/';
	}
	const path = url.pathname + url.search + url.hash;
	return url.origin === BASE && /^\/(?![/\\])/.test(path) ? path : '/';
}
