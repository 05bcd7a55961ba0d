/**
 * The call events of an inserted batch, read back from the blocks' text for the EWT service's
 * queues (src/lib/server/ewt/insertedEvents.ts), and what a batch changes for the live view's
 * parts (src/lib/server/live/parts.ts changesOf).
 */
import { describe, expect, it } from 'vitest';
import { insertedCallEvents } from '../../../src/lib/server/ewt/insertedEvents.ts';
import { changesOf } from '../../../src/lib/server/live/parts.ts';
import { AGENT_EVENT_COLUMNS, CALL_EVENT_COLUMNS, agentEventLine, callEventLine } from '../../../ingest/rows.ts';
import { TsvLines } from '../../../ingest/tsv.ts';

const NOW = Date.UTC(2026, 11, 4, 10, 0, 0);

function block(lines: string[], table = 'call_events', columns = CALL_EVENT_COLUMNS) {
	const t = new TsvLines();
	for (const l of lines) t.push(l);
	return t.block(table, columns);
}

describe('call events read back from an inserted block', () => {
	it('gives each field as the pipeline wrote it, escapes and nulls included', () => {
		const b = block([
			callEventLine({ eventId: 'e\t1', ts: NOW, callId: 'c\\1\n', type: 'queued', channel: 'voice', topic: 'pensions' }, 'api'),
			callEventLine({ eventId: 'e2', ts: NOW + 5, callId: 'c\\1\n', type: 'wait_announced', channel: 'voice', topic: 'pensions', announcedWaitS: 90, simulated: true }, 'api'),
			callEventLine({ eventId: 'e3', ts: NOW + 9, callId: 'c\\1\n', type: 'answered', channel: 'voice', topic: 'pensions', agent: 'ona', waitMs: 9_000 }, 'api'),
			callEventLine({ eventId: 'e4', ts: NOW + 99, callId: 'c\\1\n', type: 'ended', channel: 'voice', talkMs: 60_000, holdMs: 5_000 }, 'api')
		]);
		expect(insertedCallEvents([b], 0).events).toEqual([
			{ event_id: 'e\t1', ts_ms: NOW, call_id: 'c\\1\n', type: 'queued', channel: 'voice', topic: 'pensions', wait_ms: 0, talk_ms: 0, hold_ms: 0, wrap_ms: 0, simulated: 0, announced_wait_s: null },
			{ event_id: 'e2', ts_ms: NOW + 5, call_id: 'c\\1\n', type: 'wait_announced', channel: 'voice', topic: 'pensions', wait_ms: 0, talk_ms: 0, hold_ms: 0, wrap_ms: 0, simulated: 1, announced_wait_s: 90 },
			{ event_id: 'e3', ts_ms: NOW + 9, call_id: 'c\\1\n', type: 'answered', channel: 'voice', topic: 'pensions', wait_ms: 9_000, talk_ms: 0, hold_ms: 0, wrap_ms: 0, simulated: 0, announced_wait_s: null },
			{ event_id: 'e4', ts_ms: NOW + 99, call_id: 'c\\1\n', type: 'ended', channel: 'voice', topic: '', wait_ms: 0, talk_ms: 60_000, hold_ms: 5_000, wrap_ms: 0, simulated: 0, announced_wait_s: null }
		]);
	});

	it('skips events before the horizon and blocks of other tables', () => {
		const calls = block([
			callEventLine({ eventId: 'old', ts: NOW - 7_200_000, callId: 'c1', type: 'queued', topic: 'pensions' }, 'api'),
			callEventLine({ eventId: 'new', ts: NOW, callId: 'c2', type: 'queued', topic: 'pensions' }, 'api')
		]);
		const agents = block([agentEventLine({ eventId: 'a1', ts: NOW, agent: 'ona', state: 'available' }, 'api')], 'agent_events', AGENT_EVENT_COLUMNS);
		const read = insertedCallEvents([agents, calls], NOW - 3_600_000);
		expect(read.events.map((e) => e.event_id)).toEqual(['new']);
		// Said, so that what the batch changes is not judged from the events read alone.
		expect(read.older).toBe(1);
	});
});

describe('what a batch changes for the live view', () => {
	it('names the kinds of call event a part reads, so queue traffic alone re-reads none', () => {
		const ev = (type: string, channel = 'voice') => ({ type, channel });
		expect(changesOf(['call_events'], [ev('queued'), ev('abandoned'), ev('wait_announced')])).toEqual(['call_events']);
		expect(changesOf(['call_events'], [ev('queued'), ev('answered')])).toEqual(['call_events', 'call_events:served']);
		expect(changesOf(['call_events'], [ev('wrapup_ended')])).toEqual(['call_events', 'call_events:served']);
		expect(changesOf(['call_events'], [ev('callback_requested')])).toEqual(['call_events', 'call_events:written']);
		expect(changesOf(['call_events'], [ev('queued', 'einquiry')])).toEqual(['call_events', 'call_events:written']);
		expect(changesOf(['call_events'], [ev('queued', 'email')])).toEqual(['call_events', 'call_events:written']);
		expect(changesOf(['call_events'], [ev('queued', 'chat')])).toEqual(['call_events']);
		// Kinds unknown (another process's batch, or one the engine took in part): every call-event part.
		expect(changesOf(['call_events', 'contacts'], null).sort()).toEqual(['call_events', 'call_events:served', 'call_events:written', 'contacts']);
		expect(changesOf(['agent_events', 'rejected_records'], [])).toEqual(['agent_events']);
	});
});
