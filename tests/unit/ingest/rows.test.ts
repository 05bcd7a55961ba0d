/**
 * The ingest hot path writes rows straight as TabSeparated lines (ingest/rows.ts *Line); what
 * it writes must be exactly what the row objects give through tsvLine, column for column, or
 * stored data would change with the optimisation.
 */
import { describe, expect, it } from 'vitest';
import {
	AGENT_EVENT_COLUMNS,
	CALL_EVENT_COLUMNS,
	CONTACT_COLUMNS,
	agentEventLine,
	agentEventRow,
	callEventLine,
	callEventRow,
	contactLineBuilder,
	contactRowBuilder,
	sourceField
} from '../../../ingest/rows.ts';
import { tsvLine, tsvString, tsvText } from '../../../ingest/tsv.ts';
import { newCallEvent, type AgentEvent, type CallEvent, type ContactRecord } from '../../../ingest/types.ts';
import { loadConfig } from '../../../src/lib/server/config/index.ts';

const config = loadConfig({});
const TS = Date.parse('2026-11-24T08:00:00Z');
/** Strings that need escaping or repair: tab, newline, CR, backslash, a lone surrogate, a pair. */
const AWKWARD = ['a\tb', 'line\nbreak', 'cr\r', 'back\\slash', 'lone \ud800 half', 'pair 😀', "quote ' \"", 'Šiauliai'];
const SOURCES = ['queue_log', 'file\twith tab', 'back\\slash'];

const calls: CallEvent[] = [
	{ eventId: 'nd:0123456789abcdef0123', ts: TS, callId: 'c-1', type: 'queued', channel: 'voice', topic: 'pensions' },
	{ eventId: 'x', ts: TS + 1, callId: 'c-1', type: 'answered', agent: 'ona', site: 'siauliai', waitMs: 12_000 },
	{ eventId: 'y', ts: TS + 2, callId: 'c-1', type: 'ended', talkMs: 61_000, holdMs: 0, reason: 'caller hung up' },
	{ eventId: 'z', ts: TS + 3, callId: 'c-1', type: 'wrapup_ended', wrapMs: 0, simulated: true },
	{ eventId: 'w', ts: TS + 4, callId: 'c-2', type: 'wait_announced', announcedWaitS: 0, estimateMethod: 'erlang' },
	{ eventId: 'v', ts: TS + 5, callId: 'c-2', type: 'wait_announced', announcedWaitS: 95 },
	...AWKWARD.map((s, i): CallEvent => ({
		eventId: `id ${s}`,
		ts: TS + i,
		callId: s,
		type: 'pbx_other',
		topic: s,
		site: s,
		agent: s,
		estimateMethod: s,
		reason: s
	})),
	// As the parsers now build them: every field present, undefined when not given.
	Object.assign(newCallEvent('queued', TS + 6, 'c-3'), { eventId: 'u', channel: 'voice', topic: 'benefits' }),
	Object.assign(newCallEvent('answered', TS + 7, 'c-3'), { eventId: 't', agent: 'jonas', site: 'panevezys', waitMs: 0 })
];

const agents: AgentEvent[] = [
	{ eventId: 'a1', ts: TS, agent: 'ona', state: 'available' },
	{ eventId: 'a2', ts: TS, agent: 'ona', site: 'siauliai', state: 'not_ready', reason: 'break', topics: ['pensions', 'other'], simulated: true },
	{ eventId: 'a3', ts: TS, agent: 'ona', state: 'logged_in', topics: [] },
	...AWKWARD.map((s): AgentEvent => ({ eventId: s, ts: TS, agent: s, site: s, state: 'not_ready', reason: s, topics: [s, 'x'] }))
];

const base: ContactRecord = {
	contactId: 'c-1#1',
	channel: 'voice',
	topic: 'pensions',
	site: 'siauliai',
	agent: 'ona',
	queuedAt: TS,
	answeredAt: TS + 5_000,
	endedAt: TS + 65_000,
	outcome: 'answered',
	waitMs: 5_000,
	talkMs: 60_000,
	holdMs: 0,
	wrapMs: 10_000
};
const contacts: ContactRecord[] = [
	base,
	{ ...base, waitMs: 3_600_000 },
	{ ...base, outcome: 'abandoned', answeredAt: null, agent: '', site: '', waitMs: 2_000, talkMs: 0, wrapMs: 0 },
	{ ...base, outcome: 'abandoned', answeredAt: null, agent: '', site: '', waitMs: 200_000 },
	{ ...base, channel: 'callback', dueAt: TS + 86_400_000, announcedWaitS: 120, simulated: true },
	{ ...base, dueAt: null, announcedWaitS: null, topic: 'an unmapped queue' },
	...AWKWARD.map((s): ContactRecord => ({ ...base, contactId: s, topic: s, site: s, agent: s }))
];

describe('rows written as lines', () => {
	it.each(SOURCES)('call events from source %j', (source) => {
		for (const e of calls) expect(callEventLine(e, sourceField(source))).toBe(tsvLine(callEventRow(e, source), CALL_EVENT_COLUMNS));
	});

	it.each(SOURCES)('agent events from source %j', (source) => {
		for (const e of agents) expect(agentEventLine(e, sourceField(source))).toBe(tsvLine(agentEventRow(e, source), AGENT_EVENT_COLUMNS));
	});

	it.each(SOURCES)('contacts from source %j', (source) => {
		const line = contactLineBuilder(config);
		const row = contactRowBuilder(config);
		for (const c of contacts) expect(line(c, sourceField(source))).toBe(tsvLine(row(c, source), CONTACT_COLUMNS));
	});

	it('only an answered contact carries handle time (AHT sums the parts over every contact)', () => {
		const row = contactRowBuilder(config);
		const abandoned = row({ ...base, outcome: 'abandoned', answeredAt: null, agent: '', site: '', talkMs: 30_000, holdMs: 5_000, wrapMs: 7_000 }, 'x');
		expect([abandoned.talk_ms, abandoned.hold_ms, abandoned.wrap_ms]).toEqual([0, 0, 0]);
		const answered = row(base, 'x');
		expect([answered.talk_ms, answered.hold_ms, answered.wrap_ms]).toEqual([60_000, 0, 10_000]);
	});

	it('tsvText is tsvString of the well-formed string', () => {
		for (const s of [...AWKWARD, '', 'plain', '\ud800', '\udc00x', 'x\ud83d']) expect(tsvText(s)).toBe(tsvString(s.toWellFormed()));
	});
});

describe('the service-level target of an unmapped queue is a configuration key', () => {
	const contact = (topic: string): ContactRecord => ({
		contactId: `u-${topic}`,
		channel: 'voice',
		topic,
		site: 'siauliai',
		agent: 'ona',
		queuedAt: TS,
		answeredAt: TS + 90_000,
		endedAt: TS + 200_000,
		outcome: 'answered',
		waitMs: 90_000,
		talkMs: 110_000,
		holdMs: 0,
		wrapMs: 0
	});
	it('unmappedServiceLevelTargetSeconds judges a topic the configuration does not know', () => {
		expect(config.unmappedServiceLevelTargetSeconds).toBe(60);
		const lenient = { ...config, unmappedServiceLevelTargetSeconds: 120 };
		const row = contactRowBuilder(lenient)(contact('queue-7'), 'test');
		expect([row.sl_target_s, row.in_service_level]).toEqual([120, 1]);
		expect(contactLineBuilder(lenient)(contact('queue-7'), 'test')).toBe(tsvLine(row, CONTACT_COLUMNS));
		// A configured topic keeps its own target; the default judges the unknown one at 60 s.
		expect(contactRowBuilder(lenient)(contact('other'), 'test').sl_target_s).toBe(config.topics.find((t) => t.id === 'other')!.serviceLevelTargetSeconds);
		expect(contactRowBuilder(config)(contact('queue-7'), 'test').in_service_level).toBe(0);
	});
});
