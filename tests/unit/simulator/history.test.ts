/**
 * The history generator's output as a whole: valid canonical lines, unique ids, every channel,
 * time order, and the same output for the same seed.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultSimParams, simulateHistory, type SimParams } from '../../../ingest/simulator/index.ts';
import { checkLine } from './ndjsonCheck.ts';
import { config, history, PINNED } from './simHelpers.ts';

function digest(seed: number, from: string, to: string, params: Partial<SimParams> = PINNED as Partial<SimParams>): { hash: string; lines: number } {
	const h = createHash('sha256');
	let lines = 0;
	for (const line of simulateHistory({ config, seed, from: new Date(from), to: new Date(to), params })) {
		h.update(line).update('\n');
		lines++;
	}
	return { hash: h.digest('hex'), lines };
}

describe('history', () => {
	it.each([
		['an ordinary week', '2026-10-05T00:00:00+03:00', '2026-10-12T00:00:00+03:00'],
		['a pandemic week with night-time service', '2020-04-13T00:00:00+03:00', '2020-04-20T00:00:00+03:00']
	])('%s: every line is a valid simulated contact, ids unique, in the order they ended', (_, from, to) => {
		const ids = new Set<string>();
		const channels = new Set<string>();
		let lastEnded = 0;
		let lines = 0;
		for (const line of simulateHistory({ config, seed: 3, from: new Date(from), to: new Date(to), params: PINNED })) {
			const r = checkLine(line);
			if (r.kind !== 'contact') throw new Error(`not a contact: ${line}`);
			const c = r.contact;
			expect(c.simulated).toBe(true);
			expect(ids.has(c.contactId)).toBe(false);
			ids.add(c.contactId);
			channels.add(c.channel);
			expect(c.queuedAt).toBeGreaterThanOrEqual(Date.parse(from));
			expect(c.endedAt).toBeLessThan(Date.parse(to));
			expect(c.endedAt).toBeGreaterThanOrEqual(lastEnded);
			lastEnded = c.endedAt;
			lines++;
		}
		expect(lines).toBeGreaterThan(5_000);
		expect([...channels].sort()).toEqual(['callback', 'chat', 'einquiry', 'email', 'voice']);
	});

	it('puts a share of calls on hold, and talk times are right-skewed, not constant', () => {
		const voice = history('2026-10-05T00:00:00+03:00', '2026-10-10T00:00:00+03:00').filter((c) => c.channel === 'voice' && c.outcome === 'answered');
		const held = voice.filter((c) => c.hold_ms > 0).length / voice.length;
		expect(held).toBeGreaterThan(0.1);
		expect(held).toBeLessThan(0.4);
		const talk = voice.map((c) => c.talk_ms).sort((a, b) => a - b);
		const median = talk[Math.floor(talk.length / 2)]!;
		const meanTalk = talk.reduce((a, b) => a + b, 0) / talk.length;
		expect(meanTalk).toBeGreaterThan(median); // lognormal: the mean is above the median
		expect(meanTalk / 1000).toBeGreaterThan(180);
		expect(meanTalk / 1000).toBeLessThan(360);
	});

	it('the same seed gives the same lines; another seed other lines', () => {
		const a = digest(42, '2025-02-03T00:00:00+02:00', '2025-02-06T00:00:00+02:00');
		const b = digest(42, '2025-02-03T00:00:00+02:00', '2025-02-06T00:00:00+02:00');
		const c = digest(43, '2025-02-03T00:00:00+02:00', '2025-02-06T00:00:00+02:00');
		expect(a.lines).toBeGreaterThan(10_000);
		expect(b).toEqual(a);
		expect(c.hash).not.toBe(a.hash);
	});

	it('takes parameters as overrides of any depth, or as a whole SimParams object', () => {
		const defaults = defaultSimParams(config);
		const whole: SimParams = { ...defaults, volume: { ...defaults.volume, currentYear: 2026 } };
		const day = ['2025-02-03T00:00:00+02:00', '2025-02-04T00:00:00+02:00'] as const;
		expect(digest(42, ...day, whole)).toEqual(digest(42, ...day));
		expect(digest(42, ...day, { volume: whole.volume })).toEqual(digest(42, ...day));
	});

	it('a day brings the same callers whether the run started that day or a month before', () => {
		// Arrivals come from per-day random streams; only the queue's state carries over.
		const queuedOn = (from: string) =>
			history(from, '2025-10-08T00:00:00+03:00')
				.filter((c) => c.channel === 'voice' && c.queued_at.startsWith('2025-10-07') && !c.contact_id.endsWith('r'))
				.map((c) => `${c.contact_id} ${c.queued_at} ${c.topic}`)
				.sort();
		const short = queuedOn('2025-10-07T00:00:00+03:00');
		expect(short.length).toBeGreaterThan(2_000);
		expect(queuedOn('2025-09-08T00:00:00+03:00')).toEqual(short);
	});
});
