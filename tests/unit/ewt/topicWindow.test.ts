import { describe, expect, it } from 'vitest';
import { SlidingSums } from '../../../src/lib/server/ewt/slidingSums.ts';
import { TopicWindow } from '../../../src/lib/server/ewt/topicWindow.ts';

describe('SlidingSums', () => {
	it('sums what is inside the window and forgets whole buckets as they leave', () => {
		const s = new SlidingSums(30, 10, 1);
		s.add(0, 0, 1);
		s.add(15, 0, 2);
		s.add(29, 0, 4);
		expect(s.sum(0)).toBe(7);
		s.advance(30); // bucket [0, 10) leaves
		expect(s.sum(0)).toBe(6);
		s.advance(1000); // far ahead: all gone
		expect(s.sum(0)).toBe(0);
	});

	it('spreads a level over buckets and keeps only the part inside the window', () => {
		const s = new SlidingSums(30, 10, 1);
		s.addSpread(5, 25, 0, 2);
		expect(s.sum(0)).toBeCloseTo(40, 10);
		s.addSpread(25, 45, 0, 1); // window now [20, 50): 2×5 from the first spread, 20 from this one
		expect(s.sum(0)).toBeCloseTo(30, 10);
	});
});

describe('TopicWindow', () => {
	const staff = { agentsServing: 2, agentsIdle: 0 };

	it('tracks the queue, head of line and the last answered wait', () => {
		const w = new TopicWindow();
		w.staffing(0, 2);
		w.queued('a', 0);
		w.queued('b', 10);
		w.queued('c', 20);
		expect(w.snapshot(30, staff)).toMatchObject({ ahead: 3, oldestWaitS: 30, lastAnsweredWaitS: null });
		w.answered('a', 40);
		w.abandoned('b', 50);
		expect(w.snapshot(60, staff)).toMatchObject({ ahead: 1, oldestWaitS: 40, lastAnsweredWaitS: 40 });
		w.answered('c', 70);
		expect(w.snapshot(80, staff)).toMatchObject({ ahead: 0, oldestWaitS: null, lastAnsweredWaitS: 50 });
		// An answer whose queued event was missed still counts, with the wait the event carries.
		w.answered('unknown', 90, 12);
		expect(w.snapshot(90, staff).lastAnsweredWaitS).toBe(12);
		// Older than the service window: no longer "recent".
		expect(w.snapshot(90 + 901, staff).lastAnsweredWaitS).toBeNull();
	});

	it('θ = abandons ÷ caller-seconds spent waiting', () => {
		const w = new TopicWindow();
		w.queued(1, 0);
		w.queued(2, 0);
		w.abandoned(1, 50); // 2 callers × 50 s
		w.answered(2, 100); // + 1 caller × 50 s
		expect(w.snapshot(100, staff).abandonRatePerS).toBeCloseTo(1 / 150, 12);
	});

	it('sμ from completions while callers wait, per consultant, scaled to the staff serving now', () => {
		const w = new TopicWindow({ minCompletions: 3 });
		w.staffing(0, 2);
		w.queued('x', 0);
		for (let t = 10; t <= 100; t += 10) w.completed(t, 120); // 10 completions in 100 s with 2 serving
		const snap = w.snapshot(100, staff);
		expect(snap.serviceRatePerS).toBeCloseTo(10 / 100, 10);
		expect(snap.ahtS).toBe(120);
		// Two more consultants log in: capacity doubles at once, not after the window.
		expect(w.snapshot(100, { agentsServing: 4, agentsIdle: 0 }).serviceRatePerS).toBeCloseTo(0.2, 10);
	});

	it('without queued time falls back to completions over all staffed time; with too few, null', () => {
		const w = new TopicWindow({ minCompletions: 3 });
		w.staffing(0, 2);
		expect(w.snapshot(50, staff).serviceRatePerS).toBeNull();
		for (let t = 60; t <= 100; t += 20) w.completed(t, 60); // 3 completions, never a queue
		expect(w.snapshot(100, staff).serviceRatePerS).toBeCloseTo(3 / 100, 10);
	});

	it('refuses events out of time order', () => {
		const w = new TopicWindow();
		w.queued(1, 10);
		expect(() => w.queued(2, 5)).toThrow(RangeError);
	});
});
