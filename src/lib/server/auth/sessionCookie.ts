/**
 * Session cookies: `v1.<payload>.<HMAC-SHA256>` where payload is base64url JSON
 * {u: username, p: password version, s: session id, exp: epoch ms}. The password version is
 * derived from the stored password hash, so changing a password (or re-creating a disabled
 * user) ends every session made before; the session id lets signing out end this one session
 * on the server (ended_sessions). HttpOnly, SameSite=Lax, Secure behind HTTPS; a forged or
 * expired cookie is simply no session.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'cb_session';

type Payload = { u: string; p: string; s?: string; exp: number };

/**
 * Who a session is for. `sessionId` is absent only in cookies issued before sessions were named
 * (they end when they expire, at most auth.sessionHours after the upgrade).
 */
export type Session = { username: string; passwordVersion: string; sessionId?: string };

/** A session read back from its cookie, with when the cookie expires. */
export type CookieSession = Session & { expiresAt: number };

function sign(data: string, key: string): string {
	return createHmac('sha256', key).update(data).digest('base64url');
}

export function createSessionValue(session: Session, ttlMs: number, key: string, now = Date.now()): string {
	const payload = Buffer.from(
		JSON.stringify({ u: session.username, p: session.passwordVersion, s: session.sessionId, exp: now + ttlMs } satisfies Payload)
	).toString('base64url');
	return `v1.${payload}.${sign(`v1.${payload}`, key)}`;
}

/** The session in a valid, unexpired cookie; null otherwise. */
export function readSessionValue(value: string | undefined, key: string, now = Date.now()): CookieSession | null {
	if (!value) return null;
	const parts = value.split('.');
	if (parts.length !== 3 || parts[0] !== 'v1') return null;
	const expected = Buffer.from(sign(`v1.${parts[1]}`, key));
	const given = Buffer.from(parts[2]!);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
	try {
		const p = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Partial<Payload>;
		if (typeof p.u !== 'string' || typeof p.p !== 'string' || typeof p.exp !== 'number' || p.exp <= now) return null;
		if (p.s !== undefined && typeof p.s !== 'string') return null;
		const session: CookieSession = { username: p.u, passwordVersion: p.p, expiresAt: p.exp };
		if (p.s !== undefined) session.sessionId = p.s;
		return session;
	} catch {
		return null;
	}
}
