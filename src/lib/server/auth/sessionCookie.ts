/**
 * Session cookies: `v1.<payload>.<HMAC-SHA256>` where payload is base64url JSON
 * {u: username, p: password version, exp: epoch ms}. The password version is derived from the
 * stored password hash, so changing a password (or re-creating a disabled user) ends every
 * session made before. HttpOnly, SameSite=Lax, Secure behind HTTPS; a forged or expired
 * cookie is simply no session.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'cb_session';

type Payload = { u: string; p: string; exp: number };

export type Session = { username: string; passwordVersion: string };

function sign(data: string, key: string): string {
	return createHmac('sha256', key).update(data).digest('base64url');
}

export function createSessionValue(session: Session, ttlMs: number, key: string, now = Date.now()): string {
	const payload = Buffer.from(
		JSON.stringify({ u: session.username, p: session.passwordVersion, exp: now + ttlMs } satisfies Payload)
	).toString('base64url');
	return `v1.${payload}.${sign(`v1.${payload}`, key)}`;
}

/** The session in a valid, unexpired cookie; null otherwise. */
export function readSessionValue(value: string | undefined, key: string, now = Date.now()): Session | null {
	if (!value) return null;
	const parts = value.split('.');
	if (parts.length !== 3 || parts[0] !== 'v1') return null;
	const expected = Buffer.from(sign(`v1.${parts[1]}`, key));
	const given = Buffer.from(parts[2]!);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
	try {
		const p = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Partial<Payload>;
		if (typeof p.u !== 'string' || typeof p.p !== 'string' || typeof p.exp !== 'number' || p.exp <= now) return null;
		return { username: p.u, passwordVersion: p.p };
	} catch {
		return null;
	}
}
