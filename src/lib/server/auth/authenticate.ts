/**
 * Turns a request's credentials into a Principal: a bearer token (header, or `?token=` for
 * wallboard TVs and WebSockets that cannot set headers: wallboard tokens only), CALLBOARD_ADMIN_TOKEN, or a signed
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

/** `problem`: why a token that exists was refused here (one sent where it may not be). */
export type AuthResult = { principal: Principal | null; badToken: boolean; problem?: string };

/** What a non-wallboard token in the URL is told. */
export const URL_TOKEN_RULE = 'only wallboard tokens may be sent in the URL (?token=); send this token in the Authorization header';

/** `cb_` and 32 random bytes in base64url, as newToken issues them. */
const TOKEN_SHAPE = /^cb_[A-Za-z0-9_-]{43}$/;

export async function authenticate(app: App, creds: Credentials): Promise<AuthResult> {
	const fromHeader = /^Bearer\s+(\S+)$/i.exec(creds.authorization ?? '')?.[1] ?? null;
	const bearer = fromHeader ?? creds.queryToken ?? null;
	if (bearer) {
		const found = await tokenResult(app, bearer);
		// A URL ends up in browser history and proxy logs: only a TV's (wallboard) token belongs
		// there. An admin token in a URL is refused even where it would be allowed from the header.
		if (fromHeader === null && found.principal !== null && found.principal.role !== 'wallboard')
			return { principal: null, badToken: true, problem: URL_TOKEN_RULE };
		return found;
	}
	const session = readSessionValue(creds.cookies(SESSION_COOKIE), app.sessionKey);
	if (session) return { principal: await app.access.userPrincipal(session), badToken: false };
	return { principal: null, badToken: false };
}

async function tokenResult(app: App, bearer: string): Promise<AuthResult> {
	const admin = app.config.auth.adminToken;
	if (admin && sameSecret(bearer, admin))
		return { principal: { kind: 'env-admin', id: 'env', name: 'CALLBOARD_ADMIN_TOKEN', role: 'admin', site: null }, badToken: false };
	// Only something shaped like a token we issue (secrets.ts newToken) is looked up: any
	// other string would cost a query and a cache entry for nothing.
	if (!TOKEN_SHAPE.test(bearer)) return { principal: null, badToken: true };
	const principal = await app.access.tokenPrincipal(bearer);
	return { principal, badToken: principal === null };
}

/**
 * Parses a Cookie header (for the raw WebSocket upgrade request). A value that is not valid
 * percent-encoding is skipped, not fatal: another application on the same host may set one
 * (`other_app=50%`), and it made every TV's socket fail with "URI malformed".
 * The first of two cookies with one name wins, as in SvelteKit's own parser.
 */
export function cookieReader(header: string | undefined): (name: string) => string | undefined {
	const jar = new Map<string, string>();
	for (const part of (header ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq <= 0) continue;
		const name = part.slice(0, eq).trim();
		if (jar.has(name)) continue;
		try {
			jar.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
		} catch {
			// not ours to read
		}
	}
	return (name) => jar.get(name);
}
