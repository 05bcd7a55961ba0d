/**
 * Session cookies: `v1.<payload>.<HMAC-SHA256>` where payload is base64url JSON
 * {u: username, exp: epoch ms}. The cookie is HttpOnly, SameSite=Lax and Secure behind
 * HTTPS; a forged or expired cookie is simply no session.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'cb_session';

type Payload = { u: string; exp: number };

function sign(data: string, key: string): string {
	return createHmac('sha256', key).update(data).digest('base64url');
}

export function createSessionValue(username: string, ttlMs: number, key: string, now = Date.now()): string {
	const payload = Buffer.from(JSON.stringify({ u: username, exp: now + ttlMs } satisfies Payload)).toString(
		'base64url'
	);
	return `v1.${payload}.${sign(`v1.${payload}`, key)}`;
}

/** The username in a valid, unexpired cookie; null otherwise. */
export function readSessionValue(value: string | undefined, key: string, now = Date.now()): string | null {
	if (!value) return null;
	const parts = value.split('.');
	if (parts.length !== 3 || parts[0] !== 'v1') return null;
	const expected = Buffer.from(sign(`v1.${parts[1]}`, key));
	const given = Buffer.from(parts[2]!);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
	try {
		const p = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Partial<Payload>;
		if (typeof p.u !== 'string' || typeof p.exp !== 'number' || p.exp <= now) return null;
		return p.u;
	} catch {
		return null;
	}
}
