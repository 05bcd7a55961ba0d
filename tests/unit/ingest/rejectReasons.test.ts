/**
 * Every reason class has its words in both languages (the admin page says the class, never
 * the key), and no two classes read the same.
 */
import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../../ingest/parsers/rejectReasons.ts';
import { adminText, reasonKey } from '../../../src/lib/i18n/admin.ts';

describe('reason classes', () => {
	it.each(['lt', 'en'] as const)('have distinct words in %s', (lang) => {
		const a = adminText(lang);
		const words = REJECT_REASONS.map((r) => {
			const key = reasonKey(r);
			expect(key, r).not.toBeNull();
			return a(key!);
		});
		expect(new Set(words).size).toBe(REJECT_REASONS.length);
		for (const w of words) expect(w).not.toMatch(/_/);
	});

	it('an unknown class has no words (the page shows the key)', () => {
		expect(reasonKey('teleported')).toBeNull();
	});
});
