import { describe, expect, it } from 'vitest';
import { SignInThrottle } from '../../../src/lib/server/auth/signInThrottle.ts';

const MIN = 60_000;

function throttleAt(clock: { now: number }) {
	return new SignInThrottle({ windowMs: 15 * MIN, perUser: 3, perAddress: 5, now: () => clock.now });
}

describe('SignInThrottle', () => {
	it('stops a name after its limit of failures until the oldest leaves the window', () => {
		const clock = { now: 0 };
		const t = throttleAt(clock);
		for (let i = 0; i < 3; i++) {
			expect(t.attempt('ona', '10.0.0.1')).toBe(0);
			clock.now += MIN;
		}
		// Failures at 0, 1 and 2 min: the one at 0 leaves at 15 min.
		expect(t.waitMs('ona', '10.0.0.2')).toBe(12 * MIN);
		expect(t.waitMs('jonas', '10.0.0.2')).toBe(0);
		clock.now = 15 * MIN + 1;
		expect(t.waitMs('ona', '10.0.0.2')).toBe(0);
	});

	it('stops an address trying many names', () => {
		const clock = { now: 0 };
		const t = throttleAt(clock);
		for (const name of ['a', 'b', 'c', 'd', 'e']) t.attempt(name, '10.0.0.9');
		expect(t.waitMs('f', '10.0.0.9')).toBe(15 * MIN);
		expect(t.waitMs('f', '10.0.0.8')).toBe(0);
	});

	it('a correct password clears the name, and counts not against the address', () => {
		const clock = { now: 0 };
		const t = throttleAt(clock);
		for (let i = 0; i < 2; i++) t.attempt('ona', '10.0.0.1');
		t.attempt('ona', '10.0.0.1');
		t.succeeded('ona', '10.0.0.1');
		t.attempt('ona', '10.0.0.1');
		t.attempt('ona', '10.0.0.1');
		expect(t.waitMs('ona', '10.0.0.3')).toBe(0);
		// Two failures and two more: four of the address's five; the right password did not count.
		expect(t.waitMs('someone', '10.0.0.1')).toBe(0);
		t.attempt('someone', '10.0.0.1');
		expect(t.waitMs('someone-else', '10.0.0.1')).toBeGreaterThan(0);
	});

	it('counts an attempt before the password is checked: parallel attempts cannot all pass', () => {
		const t = throttleAt({ now: 0 });
		// Attempts started together, none finished yet (the slow scrypt check still running).
		const allowed = Array.from({ length: 20 }, () => t.attempt('ona', '10.0.0.1')).filter((w) => w === 0);
		expect(allowed).toHaveLength(3);
	});
});
