/** Random secrets: bearer tokens, one-time codes, and their stored SHA-256 digests. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A bearer token: 256 random bits with a prefix that makes leaked tokens easy to grep for. */
export function newToken(): string {
	return `cb_${randomBytes(32).toString('base64url')}`;
}

/** A session's name (ended_sessions): 128 random bits. */
export function newSessionId(): string {
	return randomBytes(16).toString('base64url');
}

/** A generated password, shown once: 96 random bits as 16 base64url characters. */
export function newPassword(): string {
	return randomBytes(12).toString('base64url');
}

export function newId(): string {
	return randomBytes(9).toString('base64url');
}

/** Tokens carry 256 bits of entropy, so a fast hash is enough (no brute force possible). */
export function digest(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}
