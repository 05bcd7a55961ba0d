import { describe, expect, it } from 'vitest';
import { QueueFeed, WAIT_HORIZON_MS, WRAP_WAIT_MS, type CallEventRow } from '../../../src/lib/server/ewt/queueFeed.ts';

let n = 0;
const row = (type: string, ts: number, call: string, extra: Partial<CallEventRow> = {}): CallEventRow => ({
	event_id: `e${++n}`,
	ts_ms: ts,
	call_id: call,
	type,
	channel: 'voice',
	topic: '',
	wait_ms: 0,
	talk_ms: 0,
	hold_ms: 0,
	wrap_ms: 0,
	simulated: 0,
	...extra
});
const queued = (ts: number, call: string, topic = 'pensions', channel = 'voice') => row('queued', ts, call, { topic, channel });

describe('QueueFeed', () => {
	it('keeps one queue per channel and topic; a queue_log entry without a channel is a phone call', () => {
		const feed = new QueueFeed();
		const arrivals: string[] = [];
		feed.apply([queued(0, 'a'), queued(1000, 'b', 'pensions', 'chat'), queued(2000, 'c', 'benefits', ''), queued(3000, 'd', 'pensions', 'email')], (a) =>
			arrivals.push(a.key)
		);
		expect(arrivals).toEqual(['voice/pensions', 'chat/pensions', 'voice/benefits']);
		expect(feed.window('voice', 'pensions').waiting).toBe(1);
		expect(feed.window('chat', 'pensions').waiting).toBe(1);
		expect(feed.window('voice', 'benefits').waiting).toBe(1);
	});

	it('tells an arrival how many wait ahead of him, and takes a replayed entry or exit once', () => {
		const feed = new QueueFeed();
		const ahead: number[] = [];
		const onArrival = (_a: unknown, w: { waiting: number }) => ahead.push(w.waiting);
		feed.apply([queued(0, 'a'), queued(1000, 'b')], onArrival);
		feed.apply([queued(0, 'a'), row('abandoned', 5000, 'a'), row('abandoned', 5000, 'a')], onArrival);
		expect(ahead).toEqual([0, 1]);
		const w = feed.window('voice', 'pensions');
		expect(w.waiting).toBe(1);
		// One abandon over 10 caller-seconds of waiting (a from 0 to 5 s, b from 1 to 6 s).
		expect(w.snapshot(6, { agentsServing: 1, agentsIdle: 0 }).abandonRatePerS).toBeCloseTo(1 / 10, 9);
	});

	it('does not count a timeout or a callback request as an abandon', () => {
		const feed = new QueueFeed();
		feed.apply([queued(0, 'a'), queued(0, 'b'), row('timed_out', 10_000, 'a'), row('callback_requested', 10_000, 'b')]);
		const s = feed.window('voice', 'pensions').snapshot(10, { agentsServing: 1, agentsIdle: 0 });
		expect(s.ahead).toBe(0);
		expect(s.abandonRatePerS).toBe(0);
		expect(s.lastAnsweredWaitS).toBeNull();
	});

	it('completes a call at the end of its wrap-up, or without wrap-up when none is reported', () => {
		const feed = new QueueFeed();
		feed.apply([
			queued(0, 'a'),
			row('answered', 10_000, 'a'),
			row('ended', 100_000, 'a', { talk_ms: 80_000, hold_ms: 10_000 }),
			row('wrapup_ended', 130_000, 'a', { wrap_ms: 30_000 }),
			queued(1000, 'b'),
			row('answered', 20_000, 'b'),
			row('ended', 200_000, 'b', { talk_ms: 180_000 })
		].sort((x, y) => x.ts_ms - y.ts_ms));
		const w = feed.window('voice', 'pensions');
		expect(w.load(200).ahtS).toBeCloseTo(120, 9); // only a: 80 + 10 + 30
		feed.advance(200_000 + WRAP_WAIT_MS);
		expect(w.load(400).ahtS).toBeCloseTo((120 + 180) / 2, 9); // b, with no wrap-up
	});

	it('takes a queue entry and its answer in the same millisecond as one finished wait, in either order', () => {
		// Sorted by time then event id, the answer can come first: the caller must not stay "waiting".
		for (const order of [['answered', 'queued'], ['queued', 'answered']]) {
			const feed = new QueueFeed();
			feed.apply(order.map((type) => (type === 'queued' ? queued(5000, 'a') : row('answered', 5000, 'a'))));
			expect(feed.window('voice', 'pensions').waiting).toBe(0);
		}
	});

	it('takes an exit read before its own queue entry (stored by a later batch) as that entry\'s exit', () => {
		const feed = new QueueFeed();
		feed.apply([row('abandoned', 9000, 'a')]);
		feed.apply([queued(4000, 'a')]);
		expect(feed.window('voice', 'pensions').waiting).toBe(0);
	});

	it('moves a caller timed out of one queue into another in the same millisecond, in either order', () => {
		for (const order of [['timed_out', 'queued'], ['queued', 'timed_out']]) {
			const feed = new QueueFeed();
			feed.apply([queued(0, 'a', 'pensions')]);
			feed.apply(order.map((type) => (type === 'queued' ? queued(60_000, 'a', 'benefits') : row('timed_out', 60_000, 'a'))));
			expect(feed.window('voice', 'pensions').waiting).toBe(0);
			expect(feed.window('voice', 'benefits').waiting).toBe(1);
		}
	});

	it('drops a caller whose exit never came once he has waited longer than anyone does', () => {
		const feed = new QueueFeed();
		feed.apply([queued(0, 'a'), queued(1000, 'b')]);
		feed.advance(WAIT_HORIZON_MS + 500);
		const w = feed.window('voice', 'pensions');
		expect(w.waiting).toBe(1);
		expect(w.oldestSinceS).toBe(1);
		feed.advance(WAIT_HORIZON_MS + 1001);
		expect(w.waiting).toBe(0);
		// Dropped, not abandoned: θ does not learn from a lost exit.
		expect(w.snapshot(WAIT_HORIZON_MS / 1000 + 1, { agentsServing: 1, agentsIdle: 0 }).abandonRatePerS).toBe(0);
	});
});
