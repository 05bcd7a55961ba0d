import { describe, expect, it } from 'vitest';
import { LookupCache } from '../../../src/lib/server/auth/lookupCache.ts';

/** A load whose answers the test releases one by one, counting the calls. */
function controlledLoad() {
	const pending: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
	let calls = 0;
	const load = (key: string) => {
		calls++;
		return new Promise<string>((resolve, reject) => pending.push({ resolve: (v) => resolve(`${key}:${v}`), reject }));
	};
	return { load, pending, calls: () => calls };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function cacheAt(clock: { now: number }) {
	return new LookupCache<string>({ freshMs: 5_000, refreshAheadMs: 1_000, staleMs: 60_000, now: () => clock.now });
}

/** A cache at time 0 holding 't' → 't:a' (one load so far), with its clock and load. */
async function primed() {
	const clock = { now: 0 };
	const cache = cacheAt(clock);
	const l = controlledLoad();
	const first = cache.get('t', l.load);
	l.pending[0]!.resolve('a');
	expect(await first).toBe('t:a');
	return { clock, cache, l };
}

describe('LookupCache', () => {
	it('answers from memory while fresh, without loading again', async () => {
		const { clock, cache, l } = await primed();
		clock.now = 3_999;
		expect(await cache.get('t', l.load)).toBe('t:a');
		expect(l.calls()).toBe(1);
	});

	it('requests arriving while a key loads share the one load', async () => {
		const cache = cacheAt({ now: 0 });
		const l = controlledLoad();
		const answers = Promise.all(Array.from({ length: 200 }, () => cache.get('t', l.load)));
		expect(l.calls()).toBe(1);
		l.pending[0]!.resolve('a');
		expect(new Set(await answers)).toEqual(new Set(['t:a']));
	});

	it('reloads in the background during the last second, still serving the answer it has', async () => {
		const { clock, cache, l } = await primed();
		clock.now = 4_500;
		// Served at once from memory although the reload has not answered yet.
		expect(await cache.get('t', l.load)).toBe('t:a');
		expect(l.calls()).toBe(2);
		expect(await cache.get('t', l.load)).toBe('t:a');
		expect(l.calls()).toBe(2);
		l.pending[1]!.resolve('b');
		await settle();
		clock.now = 6_000; // past the first answer's five seconds: the reloaded one is fresh
		expect(await cache.get('t', l.load)).toBe('t:b');
		expect(l.calls()).toBe(2);
	});

	it('keeps the last answer while the store cannot be reached, up to staleMs', async () => {
		const { clock, cache, l } = await primed();
		clock.now = 30_000;
		const during = cache.get('t', l.load);
		l.pending[1]!.reject(new Error('ClickHouse is down'));
		expect(await during).toBe('t:a');
		clock.now = 61_000;
		const late = cache.get('t', l.load);
		l.pending[2]!.reject(new Error('ClickHouse is down'));
		await expect(late).rejects.toThrow('ClickHouse is down');
	});

	it('after clear(), a load begun before it does not bring the old answer back', async () => {
		const cache = cacheAt({ now: 0 });
		const l = controlledLoad();
		const before = cache.get('t', l.load);
		cache.clear(); // say the token was revoked by this process meanwhile
		l.pending[0]!.resolve('old');
		expect(await before).toBe('t:old');
		const after = cache.get('t', l.load);
		expect(l.calls()).toBe(2);
		l.pending[1]!.resolve('revoked');
		expect(await after).toBe('t:revoked');
	});

	it('when full, lets the least recently loaded answer go, not all of them', async () => {
		const clock = { now: 0 };
		const cache = new LookupCache<string>({ freshMs: 5_000, refreshAheadMs: 1_000, staleMs: 60_000, maxKeys: 3, now: () => clock.now });
		let loads = 0;
		const load = async (key: string) => (loads++, `${key}!`);
		for (const key of ['tv', 'x1', 'x2']) await cache.get(key, load);
		clock.now = 4_500; // tv is reloaded in its last second: now the most recent
		await cache.get('tv', load);
		await new Promise((r) => setTimeout(r, 0));
		await cache.get('x3', load); // full: x1 goes
		const before = loads;
		expect(await cache.get('tv', load)).toBe('tv!');
		expect(loads).toBe(before); // still there (clearing all at the limit lost it too)
		await cache.get('x1', load);
		expect(loads).toBe(before + 1); // gone, loaded again
	});
});
