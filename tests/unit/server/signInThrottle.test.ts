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
			expect(t.waitMs('ona', '10.0.0.1')).toBe(0);
			t.failed('ona', '10.0.0.1');
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
		for (const name of ['a', 'b', 'c', 'd', 'e']) t.failed(name, '10.0.0.9');
		expect(t.waitMs('f', '10.0.0.9')).toBe(15 * MIN);
		expect(t.waitMs('f', '10.0.0.8')).toBe(0);
	});

	it('a correct password clears the name (not the address)', () => {
		const clock = { now: 0 };
		const t = throttleAt(clock);
		for (let i = 0; i < 2; i++) t.failed('ona', '10.0.0.1');
		t.succeeded('ona');
		t.failed('ona', '10.0.0.1');
		t.failed('ona', '10.0.0.1');
		expect(t.waitMs('ona', '10.0.0.3')).toBe(0);
	});
});
