/** The lifecycle order of one call's events when their times tie (ingest/eventOrder.ts). */
import { describe, expect, it } from 'vitest';
import { compareCallEvents, lifecycleRank } from '../../../ingest/eventOrder.ts';
import type { CallEventType } from '../../../ingest/types.ts';

describe('call events with the same time', () => {
	it('sort by lifecycle, whatever their ids: queued < wait_announced < answered < ended < wrapup_ended', () => {
		const types: CallEventType[] = ['wrapup_ended', 'ended', 'answered', 'wait_announced', 'queued'];
		// Ids that sort the other way round, as content hashes may.
		const events = types.map((type, i) => ({ ts: 1000, type, eventId: `a${i}` }));
		expect(events.sort(compareCallEvents).map((e) => e.type)).toEqual(['queued', 'wait_announced', 'answered', 'ended', 'wrapup_ended']);
	});

	it.each(['abandoned', 'timed_out', 'left', 'callback_requested'] as const)('%s comes after the queue entry and any announcement', (t) => {
		expect(lifecycleRank(t)).toBeGreaterThan(lifecycleRank('queued'));
		expect(lifecycleRank(t)).toBeGreaterThan(lifecycleRank('wait_announced'));
		const events = [
			{ ts: 5, type: t, eventId: '0' },
			{ ts: 5, type: 'queued' as const, eventId: '1' }
		];
		expect(events.sort(compareCallEvents).map((e) => e.type)).toEqual(['queued', t]);
	});

	it('time comes first, the id last', () => {
		const events = [
			{ ts: 2, type: 'queued' as const, eventId: 'x' },
			{ ts: 1, type: 'ended' as const, eventId: 'y' },
			{ ts: 1, type: 'ended' as const, eventId: 'b' }
		];
		expect(events.sort(compareCallEvents).map((e) => e.eventId)).toEqual(['b', 'y', 'x']);
	});
});
