import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { NDJSON_TYPES, parseNdjsonLine } from '../../../ingest/parsers/ndjson.ts';
import type {
	AgentEvent,
	CallEvent,
	ContactRecord,
	ParseContext,
	ParsedRecord
} from '../../../ingest/types.ts';
import { testMapping } from '../../helpers/mapping.ts';

const QUEUES = new Map([
	['pensijos', 'pensions'],
	['ismokos', 'benefits'],
	['kiti', 'other']
]);
const ALIASES = new Map([['SIP/1002', 'petras']]);
const SITES = new Map([
	['jonas', 'panevezys'],
	['petras', 'radviliskis'],
	['ona', 'siauliai']
]);
const mapping = testMapping(QUEUES, ALIASES, SITES);
const ctx: ParseContext = { sourceId: 'test', position: 'line 1', mapping, timeZone: 'Europe/Vilnius' };

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/ndjson/${name}`, import.meta.url), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '');
const schema = JSON.parse(
	readFileSync(new URL('../../../ingest/schema/canonical-event.schema.json', import.meta.url), 'utf8')
);

const T0 = 1795500000000; // 2026-11-24 08:00 in Vilnius (06:00Z)

type Line = string | Record<string, unknown>;
const text = (line: Line) => (typeof line === 'string' ? line : JSON.stringify(line));

function parseOne(line: Line): ParsedRecord {
	const records = parseNdjsonLine(text(line), ctx);
	expect(records).toHaveLength(1);
	return records[0]!;
}

function callOf(line: Line): CallEvent {
	const r = parseOne(line);
	if (r.kind !== 'call') throw new Error(`expected a call event, got ${JSON.stringify(r)}`);
	return r.event;
}

function agentOf(line: Line): AgentEvent {
	const r = parseOne(line);
	if (r.kind !== 'agent') throw new Error(`expected an agent event, got ${JSON.stringify(r)}`);
	return r.event;
}

function contactOf(line: Line): ContactRecord {
	const r = parseOne(line);
	if (r.kind !== 'contact') throw new Error(`expected a contact, got ${JSON.stringify(r)}`);
	return r.contact;
}

function reasonOf(line: Line): string {
	const r = parseOne(line);
	if (r.kind !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(r)}`);
	return r.rejected.detail;
}

/** The event without its id, for comparing content. */
function content(line: Line): Omit<CallEvent, 'eventId'> {
	const { eventId: _, ...rest } = callOf(line);
	return rest;
}

const base = { ts: T0, call_id: '1795500000.17' };

describe('call events map to CallEvent', () => {
	const cases: [string, Record<string, unknown>, Omit<CallEvent, 'eventId' | 'ts' | 'callId'>][] = [
		[
			'call.queued maps the queue name to a topic and defaults the channel to voice',
			{ type: 'call.queued', topic: 'pensijos' },
			{ type: 'queued', topic: 'pensions', channel: 'voice' }
		],
		[
			'call.queued keeps the channel it is given',
			{ type: 'call.queued', topic: 'benefits', channel: 'chat' },
			{ type: 'queued', topic: 'benefits', channel: 'chat' }
		],
		[
			'call.answered resolves the agent alias and takes the site from the mapping',
			{ type: 'call.answered', agent: 'SIP/1002', wait_ms: 72250 },
			{ type: 'answered', agent: 'petras', site: 'radviliskis', waitMs: 72250 }
		],
		[
			'call.answered keeps a site it is given',
			{ type: 'call.answered', agent: 'jonas', site: 'siauliai' },
			{ type: 'answered', agent: 'jonas', site: 'siauliai' }
		],
		[
			'call.ended carries talk and hold',
			{ type: 'call.ended', talk_ms: 238000, hold_ms: 30000 },
			{ type: 'ended', talkMs: 238000, holdMs: 30000 }
		],
		[
			'call.wrapup_ended carries wrap-up',
			{ type: 'call.wrapup_ended', wrap_ms: 60000 },
			{ type: 'wrapup_ended', wrapMs: 60000 }
		],
		['call.abandoned carries the wait', { type: 'call.abandoned', wait_ms: 4100 }, { type: 'abandoned', waitMs: 4100 }],
		['call.timed_out carries the wait', { type: 'call.timed_out', wait_ms: 600000 }, { type: 'timed_out', waitMs: 600000 }],
		[
			'call.left carries the wait and the reason',
			{ type: 'call.left', wait_ms: 15000, reason: 'key 1' },
			{ type: 'left', waitMs: 15000, reason: 'key 1' }
		],
		[
			'call.callback_requested maps an optional topic',
			{ type: 'call.callback_requested', topic: 'kiti', reason: 'ivr option 9' },
			{ type: 'callback_requested', topic: 'other', reason: 'ivr option 9' }
		],
		[
			'call.callback_completed carries the agent and their site',
			{ type: 'call.callback_completed', agent: 'ona' },
			{ type: 'callback_completed', agent: 'ona', site: 'siauliai' }
		],
		[
			'call.wait_announced carries the estimate in seconds and the method',
			{ type: 'call.wait_announced', estimate_s: 90, method: 'callboard' },
			{ type: 'wait_announced', announcedWaitS: 90, estimateMethod: 'callboard' }
		],
		[
			'einquiry.received is queued on the einquiry channel',
			{ type: 'einquiry.received', topic: 'other' },
			{ type: 'queued', channel: 'einquiry', topic: 'other' }
		],
		[
			'einquiry.answered is answered on the einquiry channel',
			{ type: 'einquiry.answered', agent: 'ona' },
			{ type: 'answered', channel: 'einquiry', agent: 'ona', site: 'siauliai' }
		],
		[
			'email.received is queued on the email channel',
			{ type: 'email.received', topic: 'ismokos' },
			{ type: 'queued', channel: 'email', topic: 'benefits' }
		],
		[
			'email.answered is answered on the email channel',
			{ type: 'email.answered', agent: 'jonas' },
			{ type: 'answered', channel: 'email', agent: 'jonas', site: 'panevezys' }
		],
		[
			'optional fields sent as null or "" count as not given',
			{ type: 'call.left', wait_ms: null, reason: '', simulated: null, id: '' },
			{ type: 'left' }
		],
		[
			'simulated: true is kept',
			{ type: 'call.abandoned', simulated: true },
			{ type: 'abandoned', simulated: true }
		]
	];
	it.each(cases)('%s', (_, wire, expected) => {
		expect(content({ ...base, ...wire })).toEqual({ ts: T0, callId: '1795500000.17', ...expected });
	});
});

describe('agent.state maps to AgentEvent', () => {
	it('resolves the agent, its site and the topics it serves', () => {
		const e = agentOf({ type: 'agent.state', ts: T0, agent: 'SIP/1002', state: 'logged_in', topics: ['pensijos', 'other'] });
		expect(e).toEqual({
			eventId: expect.stringMatching(/^nd:/),
			ts: T0,
			agent: 'petras',
			site: 'radviliskis',
			state: 'logged_in',
			topics: ['pensions', 'other']
		});
	});

	it('keeps the not-ready reason, a given site and the simulated flag', () => {
		const e = agentOf({
			type: 'agent.state',
			ts: T0,
			id: 'pbx-77',
			agent: 'jonas',
			site: 'siauliai',
			state: 'not_ready',
			reason: 'training',
			simulated: true
		});
		expect(e).toEqual({
			eventId: 'pbx-77',
			ts: T0,
			agent: 'jonas',
			site: 'siauliai',
			state: 'not_ready',
			reason: 'training',
			simulated: true
		});
	});
});

describe('contact maps to ContactRecord', () => {
	const answered = {
		type: 'contact',
		contact_id: 'hist-1',
		channel: 'voice',
		topic: 'pensijos',
		agent: 'SIP/1002',
		queued_at: '2025-03-03T08:00:00+02:00',
		answered_at: '2025-03-03T08:00:45+02:00',
		ended_at: 1740982005000,
		outcome: 'answered',
		wait_ms: 45000,
		talk_ms: 330000,
		hold_ms: 30000,
		wrap_ms: 40000,
		announced_wait_s: 60
	};
	const abandoned = {
		...answered,
		contact_id: 'hist-2',
		agent: null,
		answered_at: null,
		ended_at: '2025-03-03T06:00:03Z',
		outcome: 'abandoned',
		wait_ms: 3000,
		talk_ms: 0,
		hold_ms: 0,
		wrap_ms: 0,
		announced_wait_s: null,
		due_at: '2025-03-04T17:00:00+02:00'
	};

	it('maps an answered contact, resolving topic, agent and site', () => {
		expect(contactOf(answered)).toEqual({
			contactId: 'hist-1',
			channel: 'voice',
			topic: 'pensions',
			site: 'radviliskis',
			agent: 'petras',
			queuedAt: 1740981600000,
			answeredAt: 1740981645000,
			endedAt: 1740982005000,
			outcome: 'answered',
			waitMs: 45000,
			talkMs: 330000,
			holdMs: 30000,
			wrapMs: 40000,
			announcedWaitS: 60
		});
	});

	it('maps a contact nobody handled to an empty agent and site', () => {
		expect(contactOf(abandoned)).toEqual({
			contactId: 'hist-2',
			channel: 'voice',
			topic: 'pensions',
			site: '',
			agent: '',
			queuedAt: 1740981600000,
			answeredAt: null,
			endedAt: 1740981603000,
			dueAt: 1741100400000,
			outcome: 'abandoned',
			waitMs: 3000,
			talkMs: 0,
			holdMs: 0,
			wrapMs: 0
		});
	});

	const inconsistent: [string, Record<string, unknown>, string][] = [
		['ended before queued', { ...abandoned, ended_at: '2025-03-03T05:59:59Z' }, '"ended_at" 2025-03-03T05:59:59.000Z is before "queued_at"'],
		['answered after ended', { ...answered, answered_at: '2025-03-03T08:07:00+02:00' }, '"answered_at" 2025-03-03T06:07:00.000Z is not between'],
		['answered before queued', { ...answered, answered_at: '2025-03-03T07:59:00+02:00' }, 'is not between "queued_at" and "ended_at"'],
		['answered_at without outcome answered', { ...abandoned, answered_at: '2025-03-03T06:00:01Z' }, '"answered_at" must be null when "outcome" is "abandoned"'],
		['outcome answered without answered_at', { ...answered, answered_at: null }, 'outcome "answered" needs "answered_at"'],
		['outcome answered without agent', { ...answered, agent: '' }, 'outcome "answered" needs "agent"'],
		['a negative duration', { ...answered, hold_ms: -1 }, '"hold_ms" -1 is negative'],
		['a fractional duration', { ...answered, talk_ms: 1.5 }, '"talk_ms" 1.5 must be a whole number of milliseconds'],
		['a duration over 7 days', { ...answered, wrap_ms: 604800001 }, '"wrap_ms" 604800001 is more than 7 days']
	];
	it.each(inconsistent)('rejects %s', (_, wire, reason) => {
		expect(reasonOf(wire)).toContain(reason);
	});
});

describe('times', () => {
	const sameInstant = [
		T0,
		'2026-11-24T08:00:00+02:00',
		'2026-11-24T06:00:00Z',
		'2026-11-24T06:00:00.000999Z',
		'2026-11-24T08:00:00.000+0200',
		'2026-11-24T08:00+02',
		'2026-11-24 08:00:00+02:00',
		'2026-11-23T22:00:00-08:00'
	];
	it.each(sameInstant)('%s is 2026-11-24T06:00:00Z', (ts) => {
		expect(callOf({ ...base, ts, type: 'call.abandoned' }).ts).toBe(T0);
	});

	it('takes summer time from the offset, not from a zone', () => {
		expect(callOf({ ...base, ts: '2026-07-01T08:00:00+03:00', type: 'call.abandoned' }).ts).toBe(Date.UTC(2026, 6, 1, 5));
	});

	it('accepts 29 February in a leap year', () => {
		expect(callOf({ ...base, ts: '2028-02-29T12:00:00Z', type: 'call.abandoned' }).ts).toBe(Date.UTC(2028, 1, 29, 12));
	});

	const rejected: [unknown, string][] = [
		['2026-11-24 08:00', '"ts" "2026-11-24 08:00" has no time-zone offset (add "Z" or one like "+02:00")'],
		['2026-11-24T08:00:00', '"ts" "2026-11-24T08:00:00" has no time-zone offset'],
		['2026-11-24T08:00:00.123', 'has no time-zone offset'],
		[1795500000, '"ts" 1795500000 looks like epoch seconds; send milliseconds'],
		[1795500000000.5, '"ts" 1795500000000.5 must be whole epoch milliseconds'],
		['1795500000000', 'is not an ISO-8601 time'],
		['2026-02-30T08:00:00Z', '"ts" "2026-02-30T08:00:00Z" is not a real date and time'],
		['2027-02-29T08:00:00Z', 'is not a real date and time'],
		['1999-12-31T23:00:00Z', 'is not a real date and time between 2000 and 2099'],
		[true, '"ts" must be an ISO-8601 time or epoch milliseconds, not true']
	];
	it.each(rejected)('rejects %s', (ts, reason) => {
		expect(reasonOf({ ...base, ts, type: 'call.abandoned' })).toContain(reason);
	});
});

describe('event ids', () => {
	const queued = { type: 'call.queued', ts: T0, call_id: '1795500000.17', topic: 'pensions' };

	it('uses the sender id when there is one', () => {
		expect(callOf({ ...queued, id: 'ivr-2026-000123' }).eventId).toBe('ivr-2026-000123');
	});

	it('gives the same event without id the same id every time', () => {
		expect(callOf(queued).eventId).toBe(callOf(queued).eventId);
		expect(callOf(queued).eventId).toMatch(/^nd:[0-9a-f]{20}$/);
	});

	const sameContent: [string, Record<string, unknown>][] = [
		['the time written as ISO instead of epoch ms', { ts: '2026-11-24T08:00:00+02:00' }],
		['the default channel written out', { channel: 'voice' }],
		['an unknown field added', { pbx_node: 'ast-2' }],
		['an optional field sent as null', { simulated: null }],
		['simulated: false', { simulated: false }]
	];
	it.each(sameContent)('keeps the id with %s', (_, change) => {
		expect(callOf({ ...queued, ...change }).eventId).toBe(callOf(queued).eventId);
	});

	const differentContent: [string, Record<string, unknown>][] = [
		['type', { type: 'email.received' }],
		['ts', { ts: T0 + 1 }],
		['call_id', { call_id: '1795500000.170' }],
		['topic', { topic: 'benefits' }],
		['channel', { channel: 'chat' }],
		['simulated', { simulated: true }]
	];
	it.each(differentContent)('changes the id when %s differs', (_, change) => {
		expect(callOf({ ...queued, ...change }).eventId).not.toBe(callOf(queued).eventId);
	});

	it('gives einquiry.received the id of the equivalent call.queued', () => {
		const received = { type: 'einquiry.received', ts: T0, call_id: 'EP-1', topic: 'other' };
		expect(callOf(received).eventId).toBe(callOf({ ...received, type: 'call.queued', channel: 'einquiry' }).eventId);
	});

	it('changes the id when any optional field of an answer differs', () => {
		const answered = { type: 'call.answered', ts: T0, call_id: 'c1', agent: 'jonas', site: 'panevezys', wait_ms: 1000 };
		const ids = [
			answered,
			{ ...answered, agent: 'ona' },
			{ ...answered, site: 'siauliai' },
			{ ...answered, site: null },
			{ ...answered, wait_ms: 1001 },
			{ ...answered, wait_ms: null }
		].map((line) => callOf(line).eventId);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('derives agent event ids from content too', () => {
		const state = { type: 'agent.state', ts: T0, agent: 'jonas', state: 'available' };
		expect(agentOf(state).eventId).toBe(agentOf({ ...state, extra: 1 }).eventId);
		expect(agentOf(state).eventId).not.toBe(agentOf({ ...state, topics: [] }).eventId);
		expect(agentOf(state).eventId).not.toBe(agentOf({ ...state, state: 'not_ready' }).eventId);
	});
});

describe('rejections', () => {
	it('ignores unknown fields', () => {
		const plain = { ...base, type: 'call.answered', agent: 'jonas' };
		expect(callOf({ ...plain, queue_member: 'SIP/1001', nested: { a: [1] } })).toEqual(callOf(plain));
	});

	it('rejects an unknown type and lists the known ones', () => {
		const reason = reasonOf({ ...base, type: 'call.transferred' });
		expect(reason).toContain('unknown "type" "call.transferred"; known types: call.queued, call.answered,');
		for (const type of NDJSON_TYPES) expect(reason).toContain(type);
	});

	const cases: [string, Line, string][] = [
		['a numeric call_id', { ...base, type: 'call.abandoned', call_id: 1658814295.1 }, 'call.abandoned: "call_id" must be a string, not the number 1658814295.1 (quote ids so they stay exact)'],
		['a missing agent', { ...base, type: 'call.answered' }, 'call.answered: "agent" is required'],
		['an empty topic', { ...base, type: 'call.queued', topic: '' }, 'call.queued: "topic" is required (got "")'],
		['an unknown channel', { ...base, type: 'call.queued', topic: 'other', channel: 'fax' }, 'call.queued: "channel" "fax" is not one of voice, chat, callback, email, einquiry'],
		['a site that is not our id', { ...base, type: 'call.answered', agent: 'jonas', site: 'Panevėžys' }, 'call.answered: "site" "Panevėžys" is not a site id'],
		['a duration as a string', { ...base, type: 'call.abandoned', wait_ms: '4100' }, 'call.abandoned: "wait_ms" must be a whole number of milliseconds, not the string "4100"'],
		['an estimate in milliseconds', { ...base, type: 'call.wait_announced', estimate_s: 90_000_000 }, '"estimate_s" 90000000 is more than 7 days (604800 seconds)'],
		['an unknown agent state', { type: 'agent.state', ts: T0, agent: 'jonas', state: 'busy' }, 'agent.state: "state" "busy" is not one of logged_in,'],
		['a line that is not JSON', '{"type":"call.queued",', 'line is not JSON: '],
		['a JSON array', '[1,2]', 'line is not a JSON object (got an array)'],
		['a line without type', { ts: T0 }, '"type" is required'],
		['a line longer than 64 KiB', { ...base, type: 'call.left', reason: 'x'.repeat(70_000) }, 'line is longer than 65536 characters']
	];
	it.each(cases)('rejects %s with a reason a person understands', (_, line, reason) => {
		expect(reasonOf(line)).toContain(reason);
	});

	it('keeps the raw line of a rejected record', () => {
		const raw = '{"type":"call.queued","ts":"2026-11-24 08:00","call_id":"x","topic":"pensions"}\u0000';
		const r = parseOne(raw);
		expect(r).toEqual({ kind: 'rejected', rejected: { reason: expect.any(String), detail: expect.any(String), raw } });
	});

	it.each(['', '   ', '\r', '\t \r', '\uFEFF'])('ignores the empty line %j', (line) => {
		expect(parseNdjsonLine(line, ctx)).toEqual([{ kind: 'ignored', why: 'empty line' }]);
	});

	it('accepts a byte-order mark and a CRLF line ending', () => {
		expect(content(`\uFEFF${JSON.stringify({ ...base, type: 'call.abandoned' })}\r`)).toEqual({
			ts: T0,
			callId: '1795500000.17',
			type: 'abandoned'
		});
	});
});

describe('fixtures', () => {
	it('valid.ndjson covers every type and every line is accepted', () => {
		const lines = fixture('valid.ndjson');
		const types = new Set(lines.map((line) => JSON.parse(line).type));
		expect([...types].sort()).toEqual([...NDJSON_TYPES].sort());
		const rejected = lines.map((line) => parseOne(line)).filter((r) => r.kind === 'rejected');
		expect(rejected).toEqual([]);
	});

	it('broken.ndjson has every line rejected', () => {
		const accepted = fixture('broken.ndjson').filter((line) => parseOne(line).kind !== 'rejected');
		expect(accepted).toEqual([]);
	});
});

describe('JSON Schema', () => {
	const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
	const validate = ajv.compile(schema);
	const schemaAccepts = (line: string): boolean => {
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			return false; // not JSON: not an instance of anything
		}
		return validate(value);
	};

	it('lists exactly the types the parser knows', () => {
		expect(schema.properties.type.enum).toEqual(NDJSON_TYPES);
	});

	it.each(['valid.ndjson', 'broken.ndjson'])('agrees with the parser on every line of %s', (file) => {
		const disagreements = fixture(file)
			.map((line) => ({ line, schema: schemaAccepts(line), parser: parseOne(line).kind !== 'rejected' }))
			.filter((r) => r.schema !== r.parser);
		expect(disagreements).toEqual([]);
	});

	// What JSON Schema cannot say: documented in the schema's description and tested here so
	// that a new gap does not open unnoticed.
	const parserOnly: [string, Record<string, unknown>][] = [
		['30 February', { ...base, type: 'call.abandoned', ts: '2026-02-30T08:00:00Z' }],
		[
			'a contact that ended before it was queued',
			{
				type: 'contact',
				contact_id: 'h',
				channel: 'voice',
				topic: 'pensions',
				agent: null,
				queued_at: T0,
				answered_at: null,
				ended_at: T0 - 1,
				outcome: 'abandoned',
				wait_ms: 0,
				talk_ms: 0,
				hold_ms: 0,
				wrap_ms: 0
			}
		]
	];
	it.each(parserOnly)('leaves %s to the parser', (_, wire) => {
		expect(validate(wire)).toBe(true);
		expect(parseOne(wire).kind).toBe('rejected');
	});
});
