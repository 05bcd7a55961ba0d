import { describe, expect, it } from 'vitest';
import { clock, count, duration, percent } from '../../src/routes/wallboard/format.ts';
import { ClockOffset, WINDOW_MS } from '../../src/routes/wallboard/clockOffset.ts';
import { loginUrlFor, probeUrlFor, refusalFor } from '../../src/routes/wallboard/refusal.ts';
import { backoffMs } from '../../src/routes/wallboard/liveConnection.svelte.ts';

const NBSP = '\u00a0';

describe('wallboard figures', () => {
	it.each([
		[0, 'lt', '0'],
		[7, 'lt', '7'],
		[1234, 'lt', `1${NBSP}234`],
		[1234567, 'lt', `1${NBSP}234${NBSP}567`],
		[1234, 'en', '1,234'],
		[2.5, 'lt', '3'],
		[2.4, 'en', '2']
	] as const)('counts %d in %s as %j', (n, lang, text) => {
		expect(count(n, lang)).toBe(text);
	});

	it('writes a missing count as a dash, never 0', () => {
		for (const n of [null, undefined, NaN, Infinity]) expect(count(n, 'lt')).toBe('—');
	});

	it.each([
		[0.8, 'lt', `80${NBSP}%`],
		[0.8, 'en', '80%'],
		[0.125, 'lt', `13${NBSP}%`],
		[null, 'lt', '—']
	] as const)('writes the share %j in %s as %j', (share, lang, text) => {
		expect(percent(share, lang)).toBe(text);
	});

	it.each([
		[0, '0:00'],
		[59.9, '0:59'],
		[61, '1:01'],
		[3_725, '1:02:05'],
		[-3, '0:00'],
		[null, '—']
	] as const)('writes %j seconds as %j', (s, text) => {
		expect(duration(s)).toBe(text);
	});

	it('writes the time in the centre’s zone, 24-hour, whatever the language', () => {
		const t = Date.UTC(2025, 0, 15, 21, 5, 9); // 23:05:09 in Vilnius (UTC+2 in winter)
		expect(clock(t, 'lt', 'Europe/Vilnius')).toBe('23:05:09');
		expect(clock(t, 'en', 'Europe/Vilnius')).toBe('23:05:09');
		expect(clock(t, 'en', 'UTC')).toBe('21:05:09');
		expect(clock(null, 'lt', 'Europe/Vilnius')).toBe('—');
	});

	it('keeps one formatter per language instead of one per call', () => {
		const made: unknown[] = [];
		const Native = Intl.NumberFormat;
		const spy = function (this: unknown, ...args: ConstructorParameters<typeof Intl.NumberFormat>) {
			made.push(args);
			return new Native(...args);
		} as unknown as typeof Intl.NumberFormat;
		Intl.NumberFormat = spy;
		try {
			// Warm with both languages first (an earlier test may already have).
			count(1, 'lt');
			count(1, 'en');
			percent(0.5, 'lt');
			made.length = 0;
			for (let i = 0; i < 100; i++) {
				count(i, 'lt');
				count(i, 'en');
				percent(i / 100, 'lt');
			}
			expect(made).toEqual([]);
		} finally {
			Intl.NumberFormat = Native;
		}
	});
});

describe('the server clock offset', () => {
	it('takes the fastest recent frame, so slow queries do not make waits read low', () => {
		const o = new ClockOffset();
		// True offset +10 s; frames arrive 300, 80, 1 000 (a stale snapshot) and 150 ms after asOf.
		expect(o.observe(10_000, 300)).toBe(9_700);
		expect(o.observe(11_000, 1_080)).toBe(9_920);
		expect(o.observe(12_000, 3_000)).toBe(9_920);
		expect(o.observe(13_000, 3_150)).toBe(9_920);
	});

	it('forgets a sample after a minute, so a stepped clock corrects itself', () => {
		const o = new ClockOffset();
		o.observe(10_000, 0); // +10 s
		expect(o.observe(5_000 + 30_000, 30_000)).toBe(10_000); // server clock stepped back 5 s
		expect(o.observe(5_000 + WINDOW_MS, WINDOW_MS)).toBe(5_000);
	});

	it('starts afresh on a new connection, and says nothing before the first frame', () => {
		const o = new ClockOffset();
		expect(o.estimate()).toBeNull();
		o.observe(10_000, 0);
		o.reset();
		expect(o.estimate()).toBeNull();
		expect(o.observe(2_000, 1_000)).toBe(1_000);
	});
});

describe('a refused live socket', () => {
	it('asks GET /api/live with the socket’s own query', () => {
		expect(probeUrlFor('wss://board.example/live?token=cb_x&site=siauliai')).toBe('https://board.example/api/live?token=cb_x&site=siauliai');
		expect(probeUrlFor('ws://127.0.0.1:5173/live')).toBe('http://127.0.0.1:5173/api/live');
	});

	it.each([
		[401, true, 'token'],
		[401, false, 'signIn'],
		[403, true, 'forbidden'],
		[403, false, 'forbidden'],
		[200, true, null],
		[400, true, null],
		[503, false, null]
	] as const)('reads %d (token: %s) as %j', (status, viaToken, refusal) => {
		expect(refusalFor(status, viaToken)).toBe(refusal);
	});

	it('sends a signed-out supervisor to sign in and back to the same board', () => {
		expect(loginUrlFor({ pathname: '/wallboard/siauliai', search: '?rotate=30' })).toBe('/login?next=%2Fwallboard%2Fsiauliai%3Frotate%3D30');
	});

	it('retries a refused board at the 30 s cap', () => {
		expect(backoffMs(5, () => 1)).toBe(30_000);
		expect(backoffMs(5, () => 0)).toBe(15_000);
		expect(backoffMs(0, () => 1)).toBe(1_000);
	});
});
