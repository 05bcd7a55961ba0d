/** The recent-id window that recognises redelivered events (ingest/recentIds.ts). */
import { describe, expect, it } from 'vitest';
import { RecentIds } from '../../../ingest/recentIds.ts';

describe('RecentIds', () => {
	it('says whether an id is new, and remembers it', () => {
		const r = new RecentIds(10);
		expect(r.add('a')).toBe(true);
		expect(r.add('a')).toBe(false);
		expect(r.has('a')).toBe(true);
		expect(r.has('b')).toBe(false);
		expect(r.add('')).toBe(true);
		expect(r.add('')).toBe(false);
	});

	it('remembers at least the last `capacity` ids and forgets beyond twice that', () => {
		const capacity = 1_000;
		const r = new RecentIds(capacity);
		for (let i = 0; i < 10_000; i++) expect(r.add(`id-${i}`)).toBe(true);
		for (let i = 10_000 - capacity; i < 10_000; i++) expect(r.has(`id-${i}`)).toBe(true);
		for (let i = 0; i < 10_000 - 2 * capacity; i++) expect(r.has(`id-${i}`)).toBe(false);
	});

	it('tells apart ids that differ in one character, and long and non-ASCII ones', () => {
		const r = new RecentIds(50_000);
		const ids = Array.from({ length: 40_000 }, (_, i) => `nd:${i.toString(16).padStart(20, '0')}`);
		for (const id of ids) expect(r.add(id)).toBe(true);
		for (const id of ids) expect(r.add(id)).toBe(false);
		for (const id of ['Šiauliai 😀', 'x'.repeat(5_000), '\ud800']) {
			expect(r.add(id)).toBe(true);
			expect(r.add(id)).toBe(false);
		}
	});

	it("stays exact when its filter is crowded (an API stream's window of 200,000)", () => {
		const capacity = 200_000;
		const r = new RecentIds(capacity);
		const id = (i: number) => `api-${i}`;
		for (let i = 0; i < 500_000; i++) if (!r.add(id(i))) expect.fail(`id ${i} was new`);
		for (let i = 500_000 - capacity; i < 500_000; i++) if (r.add(id(i))) expect.fail(`id ${i} was held`);
		for (let i = 0; i < 500_000 - 2 * capacity; i++) if (r.has(id(i))) expect.fail(`id ${i} should be forgotten`);
		expect(r.add('')).toBe(true);
		expect(r.add('')).toBe(false);
	});

	it('works with a capacity of one', () => {
		const r = new RecentIds(1);
		expect(r.add('a')).toBe(true);
		expect(r.add('b')).toBe(true);
		expect(r.add('b')).toBe(false);
		expect(r.add('c')).toBe(true);
		expect(r.add('a')).toBe(true);
	});
});
