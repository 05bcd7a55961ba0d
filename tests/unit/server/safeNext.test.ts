import { describe, expect, it } from 'vitest';
import { safeNext } from '../../../src/lib/server/auth/session.ts';

describe('safeNext: where a sign-in or a language switch may send the browser', () => {
	it('keeps a path of this site, with its query', () => {
		expect(safeNext('/wallboard?rotate=60')).toBe('/wallboard?rotate=60');
		expect(safeNext('/reports?month=2026-10&site=siauliai')).toBe('/reports?month=2026-10&site=siauliai');
		expect(safeNext('/')).toBe('/');
		// Encoded slashes stay encoded: a path on this site, not another host.
		expect(safeNext('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
	});

	it.each([
		['another host', '//evil.example/x'],
		['a backslash a browser reads as a slash', '/\\evil.example'],
		['a tab a browser drops', '/\t/evil.example'],
		['a newline', '/\n/evil.example'],
		['a scheme', 'https://evil.example'],
		['a relative path', 'evil'],
		['a dot segment before two slashes', '/.//evil.example/phish'],
		['a parent segment before two slashes', '/x/..//evil.example'],
		['a parent segment at the root', '/..//evil.example'],
		['three slashes', '///evil.example'],
		['an encoded dot segment', '/%2e//evil.example'],
		['a dot segment before a backslash', '/./\\evil.example'],
		['nothing', null]
	])('sends %s home', (_what, next) => {
		expect(safeNext(next)).toBe('/');
	});
});
