import { describe, expect, it } from 'vitest';
import { msText } from '../../../ingest/numberText.ts';

describe('msText', () => {
	it('writes every epoch millisecond exactly as String() does', () => {
		const edges = [1e6, 1e6 - 1, 1e6 + 1, 1_000_000_999, 1_791_435_600_000, 1_791_435_600_001, 1_791_435_600_999, 4_102_444_800_000, Number.MAX_SAFE_INTEGER];
		for (const n of edges) expect(msText(n), String(n)).toBe(String(n));
		// Where the split could round wrong: the top of each million, up to the largest safe integer.
		const top = Math.floor(Number.MAX_SAFE_INTEGER / 1e6);
		for (let q = top - 1000; q < top; q++) for (const r of [0, 1, 999_999]) expect(msText(q * 1e6 + r)).toBe(String(q * 1e6 + r));
		let seed = 7;
		for (let i = 0; i < 100_000; i++) {
			seed = (seed * 48271) % 2147483647;
			const n = 946_684_800_000 + Math.floor((seed / 2147483647) * 3_155_760_000_000);
			if (msText(n) !== String(n)) expect(msText(n)).toBe(String(n));
		}
	});

	it('leaves anything else to String(): small, negative, fractional, not finite', () => {
		for (const n of [0, 7, 999_999, -1_791_435_600_000, 1_791_435_600_000.5, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity]) expect(msText(n)).toBe(String(n));
	});
});
