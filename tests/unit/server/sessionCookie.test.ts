import { describe, expect, it } from 'vitest';
import { createSessionValue, readSessionValue } from '../../../src/lib/server/auth/sessionCookie.ts';
import { hashPassword, verifyPassword } from '../../../src/lib/server/auth/passwords.ts';

const key = 'k'.repeat(43);

describe('session cookies', () => {
	it('round-trips a user and password version until it expires', () => {
		const v = createSessionValue({ username: 'ona', passwordVersion: 'abc', sessionId: 'S1' }, 60_000, key, 1_000);
		expect(readSessionValue(v, key, 2_000)).toEqual({ username: 'ona', passwordVersion: 'abc', sessionId: 'S1', expiresAt: 61_000 });
		expect(readSessionValue(v, key, 61_001)).toBeNull();
	});

	it('still reads a cookie made before sessions were named (no id: it ends when it expires)', () => {
		const v = createSessionValue({ username: 'ona', passwordVersion: 'abc' }, 60_000, key, 1_000);
		expect(readSessionValue(v, key, 2_000)).toEqual({ username: 'ona', passwordVersion: 'abc', expiresAt: 61_000 });
	});

	it('refuses a cookie signed with another key or altered', () => {
		const v = createSessionValue({ username: 'ona', passwordVersion: 'abc' }, 60_000, key, 1_000);
		expect(readSessionValue(v, 'x'.repeat(43), 2_000)).toBeNull();
		const [ver, , sig] = v.split('.');
		const forged = Buffer.from(JSON.stringify({ u: 'admin', p: 'abc', exp: 9e15 })).toString('base64url');
		expect(readSessionValue(`${ver}.${forged}.${sig}`, key, 2_000)).toBeNull();
		expect(readSessionValue('garbage', key)).toBeNull();
		expect(readSessionValue(undefined, key)).toBeNull();
	});
});

describe('password hashing', () => {
	it('verifies the right password and refuses a wrong one', async () => {
		const h = await hashPassword('correct-horse-battery');
		expect(h.startsWith('scrypt$32768$8$1$')).toBe(true);
		expect(await verifyPassword('correct-horse-battery', h)).toBe(true);
		expect(await verifyPassword('correct-horse-batterx', h)).toBe(false);
		expect(await hashPassword('correct-horse-battery')).not.toBe(h); // salted
	});
});
