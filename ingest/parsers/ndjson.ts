/**
 * The canonical NDJSON event stream: one JSON object per line, what our own connectors, the IVR
 * and bulk backfills send. The format is documented for integrators in docs/canonical-events.md
 * and described by ingest/schema/canonical-event.schema.json; this parser and that schema must
 * accept exactly the same lines (tests/unit/ingest/ndjson.test.ts checks both fixture files),
 * except for the rules JSON Schema cannot say: real calendar dates (no 30 February), and a
 * contact's times in order (queued ≤ answered ≤ ended).
 *
 * Validation is hand-written, not ajv at runtime: this is the hot path of every live feed and
 * backfill, and per line it is one JSON.parse, a few typeof checks, one regex for ISO times and,
 * for events without an `id`, one content hash (contentHash.ts). `npm run bench:stages` times it:
 * about 1.3 µs a line when every id is derived, of which JSON.parse is 0.56 and the id 0.36.
 */
import {
	AGENT_STATES,
	CHANNELS,
	OUTCOMES,
	type AgentEvent,
	type CallEvent,
	type CallEventType,
	type Channel,
	type ContactRecord,
	type LineParser,
	type ParseContext,
	type ParsedRecord,
	newCallEvent
} from '../types.ts';
import { stableId } from './stableId.ts';
import { ContentKey } from './contentHash.ts';
import { ANNOUNCED_LIMIT_S, CALL_EVENT_WAIT_LIMIT_MS, HANDLE_LIMIT_MS, WAIT_LIMIT_MS, limitWords } from './limits.ts';
import type { RejectReason } from './rejectReasons.ts';

/** Event lines are a few hundred bytes; anything this long is junk and is not parsed. */
const MAX_LINE_CHARS = 65_536;
/** Ids and names (call_id, agent, topic, …). */
const MAX_NAME_CHARS = 256;
/** Free text (reason, method). */
const MAX_TEXT_CHARS = 1_000;
const MAX_TOPICS = 100;
/** Times outside 2000–2099 are mistakes; epoch seconds (1.7e9) fall below and get their own reason. */
const MIN_EPOCH_MS = Date.UTC(2000, 0, 1);
const END_EPOCH_MS = Date.UTC(2100, 0, 1);

/** Prefix of ids derived from content (events sent without `id`). */
const CONTENT_ID_PREFIX = 'nd';
const contentKey = new ContentKey();

// The offset is optional here only so that a missing one gets its own reason.
const ISO_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

type Json = Record<string, unknown>;

/**
 * Thrown by the field readers and caught once per line. Not an Error: rejected lines can be a
 * whole broken backfill, and capturing a stack trace for each would be wasted work.
 */
class Invalid {
	readonly reason: RejectReason;
	readonly detail: string;
	constructor(reason: RejectReason, detail: string) {
		this.reason = reason;
		this.detail = detail;
	}
}

function fail(reason: RejectReason, detail: string): never {
	throw new Invalid(reason, detail);
}

/** A required field that is absent, null or "". */
function failMissing(key: string, v: unknown): never {
	return fail('missing_field', missing(key, v));
}

// ---------------------------------------------------------------------------------------------
// Field readers. Optional fields: absent, null and (for strings) "" all mean "not given".

function quote(s: string): string {
	return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}

function describe(v: unknown): string {
	if (typeof v === 'string') return `the string ${quote(v)}`;
	if (typeof v === 'number') return `the number ${v}`;
	if (typeof v === 'boolean') return `${v}`;
	if (v === null) return 'null';
	return Array.isArray(v) ? 'an array' : 'an object';
}

function missing(key: string, v: unknown): string {
	return v === undefined ? `"${key}" is required` : `"${key}" is required (got ${v === null ? 'null' : '""'})`;
}

function notAString(key: string, v: unknown): string {
	if (typeof v === 'number') {
		// JSON numbers are doubles: the Asterisk uniqueid 1658814295.10 arrives as 1658814295.1.
		return `"${key}" must be a string, not the number ${v} (quote ids so they stay exact)`;
	}
	return `"${key}" must be a string, not ${describe(v)}`;
}

/** A required id or name: a non-empty string. Numbers are rejected so that ids stay exact. */
function reqName(o: Json, key: string): string {
	const v = o[key];
	if (typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME_CHARS) return v;
	if (v === undefined || v === null || v === '') return failMissing(key, v);
	if (typeof v !== 'string') return fail('wrong_type', notAString(key, v));
	return fail('too_long', `"${key}" is longer than ${MAX_NAME_CHARS} characters`);
}

function optString(o: Json, key: string, max: number): string | undefined {
	const v = o[key];
	if (v === undefined || v === null || v === '') return undefined;
	if (typeof v !== 'string') return fail('wrong_type', notAString(key, v));
	if (v.length > max) return fail('too_long', `"${key}" is longer than ${max} characters`);
	return v;
}

/** Site ids are ours (config `sites[].id`), not mapped: lower-case letters, digits, "_", "-". */
function optSite(o: Json): string | undefined {
	const v = optString(o, 'site', MAX_NAME_CHARS);
	if (v === undefined) return undefined;
	let ok = v.length <= 40;
	for (let i = 0; ok && i < v.length; i++) {
		const c = v.charCodeAt(i);
		ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
	}
	if (!ok) fail('wrong_type', `"site" ${quote(v)} is not a site id (lower-case letters, digits, "_" or "-", at most 40)`);
	return v;
}

function reqEnum<T extends string>(o: Json, key: string, values: readonly T[]): T {
	const v = o[key];
	if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
	if (v === undefined || v === null || v === '') return failMissing(key, v);
	if (typeof v !== 'string') return fail('wrong_type', notAString(key, v));
	return fail('wrong_type', `"${key}" ${quote(v)} is not one of ${values.join(', ')}`);
}

function optBoolean(o: Json, key: string): boolean {
	const v = o[key];
	if (v === true || v === false) return v;
	if (v === undefined || v === null) return false;
	return fail('wrong_type', `"${key}" must be true or false, not ${describe(v)}`);
}

/** A limit on a whole number: the largest value, its words, and the class of a refusal. */
type Limit = { max: number; words: string; over: RejectReason };

function optInteger(o: Json, key: string, limit: Limit, unit: string): number | undefined {
	const v = o[key];
	if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= limit.max) return v;
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'number') return fail('wrong_type', `"${key}" must be a whole number of ${unit}, not ${describe(v)}`);
	if (!Number.isInteger(v)) return fail('bad_number', `"${key}" ${v} must be a whole number of ${unit}`);
	if (v < 0) return fail('bad_number', `"${key}" ${v} is negative`);
	return fail(limit.over, `"${key}" ${v} is more than ${limit.words} (${limit.max} ${unit})`);
}

function reqInteger(o: Json, key: string, limit: Limit, unit: string): number {
	const v = optInteger(o, key, limit, unit);
	return v === undefined ? failMissing(key, o[key]) : v;
}

const msLimit = (max: number, over: RejectReason, what = ''): Limit => ({ max, words: what + limitWords(max), over });
const HANDLE_LIMIT = msLimit(HANDLE_LIMIT_MS, 'duration_too_long');
const CALL_WAIT_LIMIT = msLimit(CALL_EVENT_WAIT_LIMIT_MS, 'wait_too_long', 'a call queue\'s ');
const ANNOUNCED_LIMIT: Limit = { max: ANNOUNCED_LIMIT_S, words: `${ANNOUNCED_LIMIT_S / 86_400} days`, over: 'duration_too_long' };
const WAIT_LIMITS = new Map(CHANNELS.map((c) => [c, msLimit(WAIT_LIMIT_MS[c], 'wait_too_long', `the ${c} channel's `)]));

const optMs = (o: Json, key: string) => optInteger(o, key, HANDLE_LIMIT, 'milliseconds');
const reqMs = (o: Json, key: string) => reqInteger(o, key, HANDLE_LIMIT, 'milliseconds');

/** The two decimal digits at `i` (the caller has checked they are digits). */
function digits2(s: string, i: number): number {
	return (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
}

/** ISO-8601 with an offset or "Z", or integer epoch milliseconds → epoch milliseconds. */
function toEpochMs(key: string, v: unknown): number {
	if (typeof v === 'number') {
		if (Number.isInteger(v) && v >= MIN_EPOCH_MS && v < END_EPOCH_MS) return v;
		if (!Number.isInteger(v)) return fail('bad_time', `"${key}" ${v} must be whole epoch milliseconds`);
		if (v >= MIN_EPOCH_MS / 1000 && v < END_EPOCH_MS / 1000) {
			return fail('bad_time', `"${key}" ${v} looks like epoch seconds; send milliseconds`);
		}
		return fail('bad_time', `"${key}" ${v} is not epoch milliseconds between 2000 and 2099`);
	}
	if (typeof v !== 'string') {
		return fail('wrong_type', `"${key}" must be an ISO-8601 time or epoch milliseconds, not ${describe(v)}`);
	}
	const m = ISO_TIME.exec(v);
	if (m === null) {
		return fail('bad_time', `"${key}" ${quote(v)} is not an ISO-8601 time like 2026-11-24T08:00:00+02:00`);
	}
	const zone = m[8];
	if (zone === undefined) {
		return fail('bad_time', `"${key}" ${quote(v)} has no time-zone offset (add "Z" or one like "+02:00")`);
	}
	// The regex fixed where the digits are; reading them directly is twice as fast as Number().
	const y = digits2(v, 0) * 100 + digits2(v, 2);
	const mo = digits2(v, 5);
	const d = digits2(v, 8);
	const h = digits2(v, 11);
	const mi = digits2(v, 14);
	const s = m[6] === undefined ? 0 : digits2(v, 17);
	const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
	let offsetMin = 0;
	let offsetOk = true;
	if (zone !== 'Z') {
		const oh = digits2(zone, 1);
		const om = zone.length > 3 ? digits2(zone, zone.length - 2) : 0;
		offsetOk = oh <= 23 && om <= 59;
		offsetMin = (zone.charCodeAt(0) === 45 ? -1 : 1) * (oh * 60 + om);
	}
	if (
		y < 2000 || y > 2099 || mo < 1 || mo > 12 || d < 1 ||
		d > DAYS_IN_MONTH[mo - 1]! + (leap ? 1 : 0) ||
		h > 23 || mi > 59 || s > 59 || !offsetOk
	) {
		return fail('bad_time', `"${key}" ${quote(v)} is not a real date and time between 2000 and 2099`);
	}
	// Fractions beyond milliseconds are truncated, as everywhere else in callboard.
	const f = m[7];
	let ms = 0;
	if (f !== undefined) {
		ms = (f.charCodeAt(0) - 48) * 100;
		if (f.length > 1) ms += (f.charCodeAt(1) - 48) * 10;
		if (f.length > 2) ms += f.charCodeAt(2) - 48;
	}
	return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000;
}

function reqTime(o: Json, key: string): number {
	const v = o[key];
	return v === undefined || v === null ? failMissing(key, v) : toEpochMs(key, v);
}

function optTime(o: Json, key: string): number | undefined {
	const v = o[key];
	return v === undefined || v === null ? undefined : toEpochMs(key, v);
}

function optTopics(o: Json): string[] | undefined {
	const v = o.topics;
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v)) return fail('wrong_type', `"topics" must be an array of strings, not ${describe(v)}`);
	if (v.length > MAX_TOPICS) return fail('too_long', `"topics" has more than ${MAX_TOPICS} entries`);
	for (const t of v) {
		if (typeof t !== 'string' || t.length === 0 || t.length > MAX_NAME_CHARS) {
			return fail('wrong_type', `"topics" entries must be non-empty strings, not ${describe(t)}`);
		}
	}
	return v as string[];
}

// ---------------------------------------------------------------------------------------------
// Records

/**
 * The event id when the sender gave none: a hash of the normalised content (times as epoch ms,
 * defaults filled in, names as sent, before mapping so a new alias does not change old ids).
 * Optional fields are either absent or non-empty, so `?? ''` cannot make two events collide.
 * Fields the format does not know are not part of it: a redelivery with extra fields is the same event.
 */
function callContentId(e: CallEvent): string {
	// stableId part by part, without the joined string (this runs for every event sent without an id).
	return contentKey
		.begin()
		.text(e.type).int(e.ts).text(e.callId).text(e.channel ?? '').text(e.topic ?? '').text(e.site ?? '').text(e.agent ?? '')
		.opt(e.waitMs).opt(e.talkMs).opt(e.holdMs).opt(e.wrapMs).opt(e.announcedWaitS)
		.text(e.estimateMethod ?? '').text(e.reason ?? '').int(e.simulated ? 1 : 0)
		.id(CONTENT_ID_PREFIX);
}

type CallFields = (o: Json, e: CallEvent) => void;

/** Reads the common fields, lets `fields` read the rest (as sent), then ids and mapping. */
function callEvent(type: CallEventType, fields: CallFields, channel?: Channel) {
	return (o: Json, ctx: ParseContext): ParsedRecord => {
		const e = newCallEvent(type, reqTime(o, 'ts'), reqName(o, 'call_id'));
		if (channel !== undefined) e.channel = channel;
		const id = optString(o, 'id', MAX_NAME_CHARS);
		if (optBoolean(o, 'simulated')) e.simulated = true;
		fields(o, e);
		e.eventId = id ?? callContentId(e);
		const { mapping } = ctx;
		if (e.topic !== undefined) e.topic = mapping.topicOfQueue(e.topic);
		if (e.agent !== undefined) {
			e.agent = mapping.canonicalAgent(e.agent);
			e.site ??= mapping.siteOfAgent(e.agent);
		}
		return { kind: 'call', event: e };
	};
}

function setWait(o: Json, e: CallEvent): void {
	const wait = optInteger(o, 'wait_ms', CALL_WAIT_LIMIT, 'milliseconds');
	if (wait !== undefined) e.waitMs = wait;
}

function setAgentAndSite(o: Json, e: CallEvent): void {
	e.agent = reqName(o, 'agent');
	const site = optSite(o);
	if (site !== undefined) e.site = site;
}

function setTopic(o: Json, e: CallEvent): void {
	e.topic = reqName(o, 'topic');
}

function setReason(o: Json, e: CallEvent): void {
	const reason = optString(o, 'reason', MAX_TEXT_CHARS);
	if (reason !== undefined) e.reason = reason;
}

function agentState(o: Json, ctx: ParseContext): ParsedRecord {
	const ts = reqTime(o, 'ts');
	const id = optString(o, 'id', MAX_NAME_CHARS);
	const simulated = optBoolean(o, 'simulated');
	const agent = reqName(o, 'agent');
	const site = optSite(o);
	const state = reqEnum(o, 'state', AGENT_STATES);
	const reason = optString(o, 'reason', MAX_TEXT_CHARS);
	const topics = optTopics(o);
	const eventId =
		id ??
		stableId(
			CONTENT_ID_PREFIX,
			'agent.state',
			ts,
			agent,
			site ?? '',
			state,
			reason ?? '',
			topics === undefined ? '' : JSON.stringify(topics),
			simulated ? 1 : 0
		);
	const { mapping } = ctx;
	const canonical = mapping.canonicalAgent(agent);
	const e: AgentEvent = { eventId, ts, agent: canonical, site: site ?? mapping.siteOfAgent(canonical), state };
	if (reason !== undefined) e.reason = reason;
	if (topics !== undefined) e.topics = topics.map((t) => mapping.topicOfQueue(t));
	if (simulated) e.simulated = true;
	return { kind: 'agent', event: e };
}

function isoUtc(ms: number): string {
	return new Date(ms).toISOString();
}

function contact(o: Json, ctx: ParseContext): ParsedRecord {
	// Common fields are checked even though a contact does not use them (the schema does too).
	optTime(o, 'ts');
	optString(o, 'id', MAX_NAME_CHARS);
	const simulated = optBoolean(o, 'simulated');
	const contactId = reqName(o, 'contact_id');
	const channel = reqEnum(o, 'channel', CHANNELS);
	const topic = reqName(o, 'topic');
	const site = optSite(o);
	if (o.agent === undefined) fail('missing_field', `"agent" is required (null when no consultant handled the contact)`);
	const agent = optString(o, 'agent', MAX_NAME_CHARS);
	const queuedAt = reqTime(o, 'queued_at');
	if (o.answered_at === undefined) fail('missing_field', `"answered_at" is required (null when not answered)`);
	const answeredAt = optTime(o, 'answered_at') ?? null;
	const endedAt = reqTime(o, 'ended_at');
	const dueAt = optTime(o, 'due_at');
	const outcome = reqEnum(o, 'outcome', OUTCOMES);
	const waitMs = reqInteger(o, 'wait_ms', WAIT_LIMITS.get(channel)!, 'milliseconds');
	const talkMs = reqMs(o, 'talk_ms');
	const holdMs = reqMs(o, 'hold_ms');
	const wrapMs = reqMs(o, 'wrap_ms');
	const announced = optInteger(o, 'announced_wait_s', ANNOUNCED_LIMIT, 'seconds');

	if (outcome === 'answered') {
		if (answeredAt === null) fail('inconsistent', `outcome "answered" needs "answered_at"`);
		if (agent === undefined) fail('inconsistent', `outcome "answered" needs "agent"`);
	} else if (answeredAt !== null) {
		fail('inconsistent', `"answered_at" must be null when "outcome" is "${outcome}"`);
	}
	if (endedAt < queuedAt) {
		fail('inconsistent', `"ended_at" ${isoUtc(endedAt)} is before "queued_at" ${isoUtc(queuedAt)}`);
	}
	if (answeredAt !== null && (answeredAt < queuedAt || answeredAt > endedAt)) {
		fail('inconsistent', `"answered_at" ${isoUtc(answeredAt)} is not between "queued_at" and "ended_at"`);
	}

	const { mapping } = ctx;
	const canonical = agent === undefined ? '' : mapping.canonicalAgent(agent);
	const c: ContactRecord = {
		contactId,
		channel,
		topic: mapping.topicOfQueue(topic),
		// :TRICKY: a contact nobody handled has no agent and, unless the sender says, no site ("").
		site: site ?? (canonical === '' ? '' : mapping.siteOfAgent(canonical)),
		agent: canonical,
		queuedAt,
		answeredAt,
		endedAt,
		outcome,
		waitMs,
		talkMs,
		holdMs,
		wrapMs
	};
	if (dueAt !== undefined) c.dueAt = dueAt;
	if (announced !== undefined) c.announcedWaitS = announced;
	if (simulated) c.simulated = true;
	return { kind: 'contact', contact: c };
}

const HANDLERS = new Map<string, (o: Json, ctx: ParseContext) => ParsedRecord>([
	[
		'call.queued',
		callEvent('queued', (o, e) => {
			setTopic(o, e);
			const channel = o.channel;
			e.channel = channel === undefined || channel === null || channel === '' ? 'voice' : reqEnum(o, 'channel', CHANNELS);
		})
	],
	[
		'call.answered',
		callEvent('answered', (o, e) => {
			setAgentAndSite(o, e);
			setWait(o, e);
		})
	],
	[
		'call.ended',
		callEvent('ended', (o, e) => {
			const talk = optMs(o, 'talk_ms');
			if (talk !== undefined) e.talkMs = talk;
			const hold = optMs(o, 'hold_ms');
			if (hold !== undefined) e.holdMs = hold;
		})
	],
	[
		'call.wrapup_ended',
		callEvent('wrapup_ended', (o, e) => {
			const wrap = optMs(o, 'wrap_ms');
			if (wrap !== undefined) e.wrapMs = wrap;
		})
	],
	['call.abandoned', callEvent('abandoned', setWait)],
	['call.timed_out', callEvent('timed_out', setWait)],
	[
		'call.left',
		callEvent('left', (o, e) => {
			setWait(o, e);
			setReason(o, e);
		})
	],
	[
		'call.callback_requested',
		callEvent('callback_requested', (o, e) => {
			const topic = optString(o, 'topic', MAX_NAME_CHARS);
			if (topic !== undefined) e.topic = topic;
			setReason(o, e);
		})
	],
	['call.callback_completed', callEvent('callback_completed', setAgentAndSite)],
	[
		'call.wait_announced',
		callEvent('wait_announced', (o, e) => {
			e.announcedWaitS = reqInteger(o, 'estimate_s', ANNOUNCED_LIMIT, 'seconds');
			const method = optString(o, 'method', MAX_TEXT_CHARS);
			if (method !== undefined) e.estimateMethod = method;
		})
	],
	['einquiry.received', callEvent('queued', setTopic, 'einquiry')],
	['einquiry.answered', callEvent('answered', setAgentAndSite, 'einquiry')],
	['email.received', callEvent('queued', setTopic, 'email')],
	['email.answered', callEvent('answered', setAgentAndSite, 'email')],
	['agent.state', agentState],
	['contact', contact]
]);

/** Every `type` the format knows, for documentation and error messages. */
export const NDJSON_TYPES: readonly string[] = [...HANDLERS.keys()];
const KNOWN_TYPES = NDJSON_TYPES.join(', ');

function rejected(reason: RejectReason, detail: string, raw: string): ParsedRecord[] {
	return [{ kind: 'rejected', rejected: { reason, detail, raw } }];
}

/**
 * One line of the canonical NDJSON stream → one record: a call or agent event, a contact, or a
 * rejection with a reason a person understands. Blank lines are ignored.
 */
export const parseNdjsonLine: LineParser = (line, ctx) => {
	// A UTF-8 byte-order mark may start a file written on Windows; JSON.parse would choke on it.
	const text = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
	if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) {
		return [{ kind: 'ignored', why: 'empty line' }];
	}
	if (text.length > MAX_LINE_CHARS) {
		return rejected('too_long', `line is longer than ${MAX_LINE_CHARS} characters`, line);
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (err) {
		return rejected('not_json', `line is not JSON: ${(err as Error).message}`, line);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return rejected('not_json', `line is not a JSON object (got ${describe(value)})`, line);
	}
	const o = value as Json;
	const type = o.type;
	if (typeof type !== 'string') {
		if (type === undefined || type === null) return rejected('missing_field', missing('type', type), line);
		return rejected('wrong_type', `"type" must be a string, not ${describe(type)}`, line);
	}
	const handler = HANDLERS.get(type);
	if (handler === undefined) {
		return rejected('unknown_type', `unknown "type" ${quote(type)}; known types: ${KNOWN_TYPES}`, line);
	}
	try {
		return [handler(o, ctx)];
	} catch (err) {
		if (err instanceof Invalid) return rejected(err.reason, `${type}: ${err.detail}`, line);
		throw err;
	}
};
