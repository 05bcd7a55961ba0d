/**
 * Turns a request's credentials into a Principal: a bearer token (header, or `?token=` for
 * wallboard TVs and WebSockets that cannot set headers), CALLBOARD_ADMIN_TOKEN, or a signed
 * session cookie. Shared by SvelteKit's hook and the WebSocket upgrade handler.
 */
import type { App } from '../app.ts';
import type { Principal } from './principal.ts';
import { sameSecret } from './secrets.ts';
import { readSessionValue, SESSION_COOKIE } from './sessionCookie.ts';

export type Credentials = {
	authorization?: string | null;
	/** `?token=` from the URL; accepted on GET only. */
	queryToken?: string | null;
	cookies: (name: string) => string | undefined;
};

export type AuthResult = { principal: Principal | null; badToken: boolean };

/** `cb_` and 32 random bytes in base64url, as newToken issues them. */
const TOKEN_SHAPE = /^cb_[A-Za-z0-9_-]{43}$/;

export async function authenticate(app: App, creds: Credentials): Promise<AuthResult> {
	const bearer = /^Bearer\s+(\S+)$/i.exec(creds.authorization ?? '')?.[1] ?? creds.queryToken ?? null;
	if (bearer) {
		const admin = app.config.auth.adminToken;
		if (admin && sameSecret(bearer, admin))
			return { principal: { kind: 'env-admin', id: 'env', name: 'CALLBOARD_ADMIN_TOKEN', role: 'admin', site: null }, badToken: false };
		// Only something shaped like a token we issue (secrets.ts newToken) is looked up: any
		// other string would cost a query and a cache entry for nothing.
		if (!TOKEN_SHAPE.test(bearer)) return { principal: null, badToken: true };
		const principal = await app.access.tokenPrincipal(bearer);
		return { principal, badToken: principal === null };
	}
	const session = readSessionValue(creds.cookies(SESSION_COOKIE), app.sessionKey);
	if (session) return { principal: await app.access.userPrincipal(session), badToken: false };
	return { principal: null, badToken: false };
}

/** Parses a Cookie header (for the raw WebSocket upgrade request). */
export function cookieReader(header: string | undefined): (name: string) => string | undefined {
	const jar = new Map<string, string>();
	for (const part of (header ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0) jar.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
	}
	return (name) => jar.get(name);
}
