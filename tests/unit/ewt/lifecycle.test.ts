import { describe, expect, it } from 'vitest';
import { byTimeThenLifecycle } from '../../../src/lib/server/ewt/lifecycle.ts';

const ev = (type: string, ts: number, event_id: string) => ({ type, ts_ms: ts, event_id });

describe('byTimeThenLifecycle', () => {
	it('orders a call at one instant by its life, whatever the ids; time first, ids last', () => {
		const rows = [ev('wrapup_ended', 5, 'a'), ev('ended', 5, 'b'), ev('answered', 5, 'c'), ev('wait_announced', 5, 'd'), ev('queued', 5, 'e'), ev('abandoned', 4, 'f'), ev('other', 5, 'g')];
		expect(rows.sort(byTimeThenLifecycle).map((r) => r.type)).toEqual(['abandoned', 'queued', 'wait_announced', 'answered', 'ended', 'wrapup_ended', 'other']);
		expect([ev('left', 1, 'z'), ev('timed_out', 1, 'y')].sort(byTimeThenLifecycle).map((r) => r.event_id)).toEqual(['y', 'z']);
	});
});
