/**
 * Genesys Cloud analytics conversation detail records → finished contacts.
 * A document is a bare conversation (the blueprint samples), a page `{conversations:[…]}`
 * (details query; async job results add cursor and dataAvailabilityDate) or an array of
 * conversations. Queue observations and notification envelopes are recognised and ignored:
 * they describe queues at an instant, not contacts.
 *
 * One contact per queue leg: every `acd` participant is one offer to one queue (Genesys
 * counts nOffered on each), like an ENTERQUEUE in queue_log. The first leg's id is
 * `gen:<conversationId>`, a transfer's later legs `gen:<conversationId>:2`, `:3`, … .
 * Enum values (purpose, mediaType, segmentType, …) are open strings: unknown ones are
 * skipped or ignored, never rejected.
 *
 * A conversation is finished when it has `conversationEnd`, or (the blueprint's
 * conversation2.json) when every segment has ended and the metrics emitted at segment end
 * are there; one still open is rejected naming what is open, so it is visible and read when
 * sent again finished. The topic comes from the queue: the segments' queueId, named by the
 * body's `queueNames` {id: name} or by config `genesys.queueNames` (the live connector fills
 * it from GET /api/v2/routing/queues). The acd participant's participantName is only a
 * fallback: in the blueprint it is a person ("Yuri"), not the queue.
 */
import type { Channel, ContactRecord, DocumentParser, NameMapping, Outcome, ParsedRecord } from '../types.ts';
import { digitsAt } from './localTime.ts';
import type { RejectReason } from './rejectReasons.ts';

type Json = { [key: string]: unknown };

const CHANNEL_OF_MEDIA = new Map<string, Channel>([
	['voice', 'voice'],
	['chat', 'chat'],
	['message', 'chat'],
	['callback', 'callback'],
	['email', 'email']
]);

/** Metric sums (milliseconds) for one participant, -1 when the metric never appeared. */
type Sums = {
	tAcd: number;
	tAbandon: number;
	tShortAbandon: number;
	tAnswered: number;
	tTalk: number;
	tTalkComplete: number;
	tHeld: number;
	tHeldComplete: number;
	tAcw: number;
};

/** What one participant's sessions say, folded. Times are epoch ms or null. */
type Scan = {
	id: string;
	name: string;
	mediaType: string;
	queueId: string;
	start: number | null;
	interactStart: number | null;
	/** Latest segment end, wrap-up excluded: when the conversation part was over. */
	end: number | null;
	sums: Sums;
};

type Leg = { acd: Scan; start: number; handlers: Scan[] };

/** Queue id → queue name, from the body (`queueNames`). */
type QueueNames = ReadonlyMap<string, string>;
const NO_NAMES: QueueNames = new Map();

/**
 * Deeper than this is not a Genesys document (a details page nests about 8 levels): such a
 * value is rejected without being stringified whole, which would overflow the stack.
 */
const MAX_DEPTH = 64;
/** What of a too-deep document is kept beside its rejection. */
const DEEP_RAW_CHARS = 4096;

/** Bad data inside one conversation: rejects that conversation, not the whole document. */
class InvalidConversation extends Error {}

const NONE: readonly unknown[] = [];

export const parseGenesysDocument: DocumentParser = (text, ctx) => {
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (e) {
		return [rejected(`invalid JSON: ${(e as Error).message}`, text, 'not_json')];
	}
	const out: ParsedRecord[] = [];
	if (Array.isArray(doc)) {
		for (let i = 0; i < doc.length; i++) parseConversation(doc[i], `conversation ${i + 1}`, ctx.mapping, NO_NAMES, text, out);
		return out;
	}
	const o = asObject(doc);
	if (o === null) return [rejected(`a Genesys document is a JSON object or array, not ${doc === null ? 'null' : typeof doc}`, text)];

	if (typeof o.topicName === 'string') return [{ kind: 'ignored', why: notificationWhy(o.topicName) }];
	if (o.conversationId !== undefined) {
		parseConversation(o, 'the conversation', ctx.mapping, NO_NAMES, text, out);
		return out;
	}
	if (o.conversations !== undefined) {
		if (!Array.isArray(o.conversations)) return [rejectedValue('"conversations" is not an array', o.conversations, text, true)];
		const names = queueNamesOf(o.queueNames);
		if (typeof names === 'string') return [rejectedValue(names, o.queueNames, text, true)];
		if (o.conversations.length === 0) return [{ kind: 'ignored', why: 'conversation page without conversations' }];
		const list = o.conversations;
		for (let i = 0; i < list.length; i++) parseConversation(list[i], `conversation ${i + 1}`, ctx.mapping, names, text, out);
		return out;
	}
	if (Array.isArray(o.results)) {
		return [{ kind: 'ignored', why: 'queue observation response: queue state at an instant, not contacts' }];
	}
	// All properties of a query response are optional: an empty result may carry none of them.
	if (Object.keys(o).length === 0 || 'totalHits' in o || 'cursor' in o || 'dataAvailabilityDate' in o || 'aggregations' in o) {
		return [{ kind: 'ignored', why: 'conversation page without conversations' }];
	}
	if ('jobId' in o || 'state' in o) return [{ kind: 'ignored', why: 'async job status, not job results' }];
	return [
		rejected(
			'not a Genesys conversation (no conversationId), conversation page ({conversations:[…]}), queue observation or notification',
			text
		)
	];
};

function notificationWhy(topic: string): string {
	if (topic === 'channel.metadata') return 'notification heartbeat (channel.metadata)';
	if (topic.startsWith('v2.analytics.queues.')) return 'queue observation notification: queue state at an instant, not contacts';
	return `notification topic ${topic} is not a conversation detail record`;
}

/** The body's `queueNames` {id: name} as a map, or why it cannot be one. */
function queueNamesOf(value: unknown): QueueNames | string {
	if (value === undefined || value === null) return NO_NAMES;
	const o = asObject(value);
	if (o === null) return '"queueNames" is not an object of queue id → queue name';
	const names = new Map<string, string>();
	for (const [id, name] of Object.entries(o)) {
		if (typeof name !== 'string' || name === '') return `"queueNames" gives queue ${JSON.stringify(id)} no name`;
		names.set(id, name);
	}
	return names;
}

function parseConversation(value: unknown, where: string, mapping: NameMapping, names: QueueNames, doc: string, out: ParsedRecord[]): void {
	const c = asObject(value);
	if (c === null) {
		out.push(rejectedValue(`${where} is not a JSON object`, value, doc));
		return;
	}
	const id = c.conversationId;
	if (typeof id !== 'string' || id === '') {
		out.push(rejectedValue(`${where} has no conversationId`, c, doc));
		return;
	}
	const before = out.length;
	try {
		// Detail records change until the conversation ends; the finished one comes later.
		const open = c.conversationEnd === undefined || c.conversationEnd === null ? openPart(c) : null;
		if (open !== null) {
			out.push(rejectedValue(`conversation ${id} is not finished yet (no conversationEnd; ${open}); send it again once it has ended`, c, doc, false, 'not_finished'));
			return;
		}
		contactsOf(c, id, mapping, names, out);
	} catch (e) {
		if (!(e instanceof InvalidConversation)) throw e;
		out.length = before; // no half conversations
		out.push(rejectedValue(`conversation ${id}: ${e.message}`, c, doc));
	}
}

/**
 * Why a conversation without conversationEnd is still open, or null when its segments and
 * metrics say it is over: every segment ended, the queue's wait metric emitted (tAcd,
 * tAbandon, tShortAbandon or tFlowOut), and the `*Complete`/tAcw metrics Genesys emits at
 * the end of talk and wrap-up present where there was talk or wrap-up.
 */
function openPart(c: Json): string | null {
	let segments = 0;
	const participants = list(c.participants);
	for (let i = 0; i < participants.length; i++) {
		const p = asObject(participants[i]);
		if (p === null) throw new InvalidConversation(`participant ${i + 1} is not a JSON object`);
		const purpose = typeof p.purpose === 'string' ? p.purpose : 'participant';
		const metrics = new Set<string>();
		let wrapup = false;
		for (const sessionValue of list(p.sessions)) {
			const session = asObject(sessionValue);
			if (session === null) continue;
			for (const segmentValue of list(session.segments)) {
				const segment = asObject(segmentValue);
				if (segment === null) continue;
				segments++;
				const type = typeof segment.segmentType === 'string' ? segment.segmentType : 'untyped';
				if (type === 'wrapup') wrapup = true;
				if (segment.segmentEnd === undefined || segment.segmentEnd === null) return `${purpose} ${type} segment has no segmentEnd`;
			}
			for (const metric of list(session.metrics)) {
				const name = asObject(metric)?.name;
				if (typeof name === 'string') metrics.add(name);
			}
		}
		if (purpose === 'acd' && !['tAcd', 'tAbandon', 'tShortAbandon', 'tFlowOut'].some((n) => metrics.has(n)))
			return 'acd participant has no tAcd, tAbandon, tShortAbandon or tFlowOut';
		if (purpose === 'agent' && metrics.has('tTalk') && !metrics.has('tTalkComplete')) return 'agent has talked but no tTalkComplete';
		if (purpose === 'agent' && wrapup && !metrics.has('tAcw')) return 'agent has a wrapup segment but no tAcw';
	}
	return segments === 0 ? 'no segments' : null;
}

function contactsOf(c: Json, id: string, mapping: NameMapping, names: QueueNames, out: ParsedRecord[]): void {
	const conversationStart = isoTime(c.conversationStart, 'conversationStart');
	// Without conversationEnd (finished by its segments) a contact ends with its last segment.
	let conversationEnd = isoTime(c.conversationEnd, 'conversationEnd');

	const legs: Leg[] = [];
	const agents: Scan[] = [];
	let customerMedia = '';
	const participants = list(c.participants);
	for (let i = 0; i < participants.length; i++) {
		const p = asObject(participants[i]);
		if (p === null) throw new InvalidConversation(`participant ${i + 1} is not a JSON object`);
		const purpose = p.purpose;
		if (purpose === 'acd') {
			const acd = scan(p);
			const start = acd.start ?? conversationStart;
			if (start === null) throw new InvalidConversation('acd participant has no segmentStart and there is no conversationStart');
			legs.push({ acd, start, handlers: [] });
		} else if (purpose === 'agent') {
			const agent = scan(p);
			// A failed alert leaves an agent participant with only tAlert/tNotResponding/nError.
			if (agent.sums.tAnswered >= 0 || agent.sums.tTalk >= 0 || agent.sums.tTalkComplete >= 0) agents.push(agent);
		} else if (purpose === 'customer' && customerMedia === '') {
			customerMedia = firstMediaType(p);
		}
	}
	if (legs.length === 0) {
		out.push({ kind: 'ignored', why: 'no acd participant: the conversation never waited in a queue' });
		return;
	}
	legs.sort((a, b) => a.start - b.start);
	if (conversationEnd === null) {
		for (const s of [...legs.map((l) => l.acd), ...agents]) if (s.end !== null && (conversationEnd === null || s.end > conversationEnd)) conversationEnd = s.end;
		conversationEnd ??= (legs[legs.length - 1] as Leg).start;
	}
	for (const agent of agents) legOf(legs, agent)?.handlers.push(agent);

	for (let i = 0; i < legs.length; i++) {
		const leg = legs[i] as Leg;
		const media = leg.acd.mediaType || customerMedia;
		const channel = CHANNEL_OF_MEDIA.get(media);
		if (channel === undefined) {
			out.push({ kind: 'ignored', why: media === '' ? 'no media type on the acd or customer session' : `media type ${media} is not a contact channel` });
			continue;
		}
		out.push({ kind: 'contact', contact: contactOf(leg, i === 0 ? `gen:${id}` : `gen:${id}:${i + 1}`, channel, conversationEnd, mapping, names) });
	}
}

function contactOf(leg: Leg, contactId: string, channel: Channel, conversationEnd: number, mapping: NameMapping, names: QueueNames): ContactRecord {
	const acd = leg.acd.sums;
	const first = leg.handlers[0];
	let outcome: Outcome;
	let waitMs: number;
	let answeredAt: number | null = null;
	let agent = '';
	let site = '';
	let talkMs = 0;
	let holdMs = 0;
	let wrapMs = 0;
	let endedAt = leg.acd.end;
	if (first !== undefined) {
		outcome = 'answered';
		waitMs = acd.tAcd >= 0 ? acd.tAcd : Math.max(0, first.sums.tAnswered);
		answeredAt = first.interactStart ?? leg.start + waitMs;
		const who = first.id || first.name;
		if (who !== '') {
			agent = mapping.canonicalAgent(who);
			site = mapping.siteOfAgent(agent);
		}
		// Several agents on one leg: a blind transfer to a person, not through a queue.
		for (const h of leg.handlers) {
			talkMs += completeOr(h.sums.tTalkComplete, h.sums.tTalk);
			holdMs += completeOr(h.sums.tHeldComplete, h.sums.tHeld);
			wrapMs += Math.max(0, h.sums.tAcw);
			if (h.end !== null && (endedAt === null || h.end > endedAt)) endedAt = h.end;
		}
	} else if (acd.tAbandon >= 0 || acd.tShortAbandon >= 0) {
		outcome = 'abandoned';
		waitMs = acd.tAbandon >= 0 ? acd.tAbandon : acd.tShortAbandon;
	} else {
		// Flowed out, transferred on before anyone answered, or something newer.
		outcome = 'unknown';
		waitMs = Math.max(0, acd.tAcd);
	}
	return {
		contactId,
		channel,
		topic: topicOf(mapping, names, leg.acd.name, leg.acd.queueId),
		site,
		agent,
		queuedAt: leg.start,
		answeredAt,
		endedAt: endedAt ?? conversationEnd,
		outcome,
		waitMs,
		talkMs,
		holdMs,
		wrapMs
	};
}

/** The `*Complete` sum when emitted (at segment end), else the running metric, else 0. */
function completeOr(complete: number, running: number): number {
	return complete >= 0 ? complete : Math.max(0, running);
}

/**
 * The topic of the queue: the queueId's name from the body (then mapped like any queue name),
 * else the queueId as mapped (config topics[].queues or genesys.queueNames), else the acd
 * participantName when mapped (files without queue ids), else the queueId itself: never an
 * unmapped participantName, which may be a person's display name.
 */
function topicOf(mapping: NameMapping, names: QueueNames, name: string, queueId: string): string {
	if (queueId !== '') {
		const queueName = names.get(queueId);
		if (queueName !== undefined) return mapping.topicOfQueue(queueName);
		const topic = mapping.topicOfQueue(queueId);
		if (topic !== queueId) return topic;
	}
	if (name !== '') {
		const topic = mapping.topicOfQueue(name);
		if (topic !== name || queueId === '') return topic;
	}
	if (queueId === '') throw new InvalidConversation('acd participant has neither participantName nor a segment queueId');
	return queueId;
}

/**
 * The queue leg an answering agent belongs to: the latest leg of the same queue (agent
 * segments carry the queueId they were routed from) that started before the agent's first
 * segment. An agent routed from a queue but alerted a hair before its acd segment began
 * (clocks) goes to that queue's first leg; an agent with no queue who came before every
 * leg (an outbound call later transferred to a queue) answered no queue leg at all.
 */
function legOf(legs: Leg[], agent: Scan): Leg | undefined {
	let sameQueue: Leg | undefined;
	let before: Leg | undefined;
	for (const leg of legs) {
		if (agent.queueId !== '' && leg.acd.queueId !== '' && agent.queueId !== leg.acd.queueId) continue;
		sameQueue ??= leg;
		if (agent.start === null || leg.start <= agent.start) before = leg;
	}
	return before ?? (agent.queueId !== '' ? sameQueue : undefined);
}

function scan(p: Json): Scan {
	const s: Scan = {
		id: typeof p.userId === 'string' ? p.userId : '',
		name: typeof p.participantName === 'string' ? p.participantName : '',
		mediaType: '',
		queueId: '',
		start: null,
		interactStart: null,
		end: null,
		sums: {
			tAcd: -1,
			tAbandon: -1,
			tShortAbandon: -1,
			tAnswered: -1,
			tTalk: -1,
			tTalkComplete: -1,
			tHeld: -1,
			tHeldComplete: -1,
			tAcw: -1
		}
	};
	for (const sessionValue of list(p.sessions)) {
		const session = asObject(sessionValue);
		if (session === null) continue;
		if (s.mediaType === '' && typeof session.mediaType === 'string') s.mediaType = session.mediaType;
		for (const segmentValue of list(session.segments)) {
			const segment = asObject(segmentValue);
			if (segment === null) continue;
			if (s.queueId === '' && typeof segment.queueId === 'string') s.queueId = segment.queueId;
			const start = isoTime(segment.segmentStart, 'segmentStart');
			if (start !== null) {
				if (s.start === null || start < s.start) s.start = start;
				if (segment.segmentType === 'interact' && (s.interactStart === null || start < s.interactStart)) s.interactStart = start;
			}
			if (segment.segmentType !== 'wrapup') {
				const end = isoTime(segment.segmentEnd, 'segmentEnd');
				if (end !== null && (s.end === null || end > s.end)) s.end = end;
			}
		}
		for (const metric of list(session.metrics)) addMetric(s.sums, metric);
	}
	return s;
}

/** :TRICKY: a metric name repeats within a session (one tHeld per hold): the rows are summed. */
function addMetric(sums: Sums, value: unknown): void {
	const m = asObject(value);
	if (m === null) return;
	const name = m.name;
	switch (name) {
		case 'tAcd':
		case 'tAbandon':
		case 'tShortAbandon':
		case 'tAnswered':
		case 'tTalk':
		case 'tTalkComplete':
		case 'tHeld':
		case 'tHeldComplete':
		case 'tAcw': {
			const v = m.value;
			if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
				throw new InvalidConversation(`metric ${name} has value ${JSON.stringify(v)}, expected milliseconds`);
			}
			sums[name] = (sums[name] < 0 ? 0 : sums[name]) + v;
			return;
		}
		default:
			return; // counts (n*), observations (o*) and names we do not use
	}
}

function firstMediaType(p: Json): string {
	for (const sessionValue of list(p.sessions)) {
		const session = asObject(sessionValue);
		if (session !== null && typeof session.mediaType === 'string') return session.mediaType;
	}
	return '';
}

// Month, day and hour may have one digit: see isoTime.
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO-8601 instant → epoch ms; null when absent (an open segment has no segmentEnd).
 * :TRICKY: the Genesys blueprint's conversation2.json has `2021-04-2T15:30:51.418Z` (day not
 * zero-padded), which strict parsers refuse. An unpadded month, day or hour is unambiguous,
 * so it is read as if padded. Anything else invalid rejects the conversation.
 */
function isoTime(value: unknown, field: string): number | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string' && value.length === 24) {
		const at = isoMillisZ(value);
		if (at >= 0) return at;
	}
	const m = typeof value === 'string' ? ISO.exec(value) : null;
	if (m === null) throw new InvalidConversation(`${field} is not an ISO-8601 time: ${JSON.stringify(value)}`);
	const y = Number(m[1]);
	const mo = Number(m[2]);
	const d = Number(m[3]);
	const h = Number(m[4]);
	const mi = Number(m[5]);
	const s = Number(m[6]);
	const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
	const at = Date.UTC(y, mo - 1, d, h, mi, s, ms);
	if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59 || new Date(at).getUTCDate() !== d) {
		throw new InvalidConversation(`${field} is not a valid time: ${JSON.stringify(value)}`);
	}
	const zone = m[8] as string;
	if (zone === 'Z') return at;
	const sign = zone[0] === '-' ? -1 : 1;
	const offset = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2));
	return at - sign * offset * 60_000;
}

/**
 * The form Genesys writes every time in (`2026-10-05T05:00:00.000Z`), read without the regex
 * (a fifth of the parser's time on a details page): epoch ms, or -1 for anything else, valid
 * or not, which then takes the general path.
 */
function isoMillisZ(v: string): number {
	if (
		v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 ||
		v.charCodeAt(16) !== 58 || v.charCodeAt(19) !== 46 || v.charCodeAt(23) !== 90
	) return -1;
	const y = digitsAt(v, 0, 4);
	const mo = digitsAt(v, 5, 2);
	const d = digitsAt(v, 8, 2);
	const h = digitsAt(v, 11, 2);
	const mi = digitsAt(v, 14, 2);
	const s = digitsAt(v, 17, 2);
	const ms = digitsAt(v, 20, 3);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || ms < 0) return -1;
	const at = Date.UTC(y, mo - 1, d, h, mi, s, ms);
	// Before 1970 (negative) and 31 February alike go the general way.
	return at >= 0 && new Date(at).getUTCDate() === d ? at : -1;
}

function asObject(value: unknown): Json | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function list(value: unknown): readonly unknown[] {
	return Array.isArray(value) ? value : NONE;
}

/** Anything else a Genesys document can get wrong is a document callboard cannot read. */
function rejected(detail: string, raw: string, reason: RejectReason = 'bad_document'): ParsedRecord {
	return { kind: 'rejected', rejected: { reason, detail, raw } };
}

/**
 * A rejection keeping `value` as its raw JSON, unless it nests deeper than MAX_DEPTH: then
 * the reason says so and only the start is kept (JSON.stringify of a value nested a million
 * deep overflows the stack; JSON.parse does not).
 */
function rejectedValue(detail: string, value: unknown, doc: string, keepDoc = false, reason: RejectReason = 'bad_document'): ParsedRecord {
	if (nestedDeeperThan(value, MAX_DEPTH - 1)) return rejected(`${detail}: nested more than ${MAX_DEPTH} levels deep`, doc.slice(0, DEEP_RAW_CHARS), 'too_deep');
	return rejected(detail, keepDoc ? doc : (JSON.stringify(value) ?? String(value)), reason);
}

/** Whether any array or object in `value` sits more than `limit` levels down; no recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
	const stack: Array<[unknown, number]> = [[value, 0]];
	for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
		const [v, depth] = top;
		if (typeof v !== 'object' || v === null) continue;
		if (depth > limit) return true;
		for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
	}
	return false;
}
