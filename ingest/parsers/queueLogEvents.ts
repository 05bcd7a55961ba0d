/**
 * One Asterisk queue_log record (from the pipe file or a realtime table) → canonical records.
 * Layouts per event and version: /work/shared/formats/FORMATS.md §1.4. Shared by queueLog.ts
 * and queueLogCsv.ts, which only differ in how they find the fields.
 */
import {
	newCallEvent,
	type AgentEvent,
	type AgentState,
	type CallEvent,
	type CallEventType,
	type ParseContext,
	type ParsedRecord
} from '../types.ts';
import { msText } from '../numberText.ts';
import { SEP, idOf, stableId } from './stableId.ts';
import type { RejectReason } from './rejectReasons.ts';

/** One queue_log record, whatever it was read from. */
export type QueueLogRecord = {
	/** UTC epoch milliseconds. */
	ts: number;
	/** Compared as text, always: 1658814295.10 is not 1658814295.1. */
	callid: string;
	queue: string;
	agent: string;
	event: string;
	/** data1..dataN; '' for a field that is present but empty. */
	data: string[];
	/** Everything after the event, pipes included: event ids and pass-through reasons. */
	rawData: string;
	/** The record as received, for rejections. */
	raw: string;
};

export function queueLogToRecords(rec: QueueLogRecord, ctx: ParseContext): ParsedRecord[] {
	const d = rec.data;
	switch (rec.event) {
		case 'ENTERQUEUE':
			// url|callerid[|origposition[|calleridname]]: nothing here we keep.
			return [call(callEvent(rec, ctx, 'queued'))];
		case 'CONNECT': {
			// holdtime|bridgedchanneluniqueid[|ringtime]
			const hold = seconds(d, 0);
			if (Number.isNaN(hold)) return notANumber(rec, 0, 'holdtime');
			const ev = callEvent(rec, ctx, 'answered');
			ev.waitMs = hold * 1000;
			return [call(ev)];
		}
		case 'COMPLETECALLER':
		case 'COMPLETEAGENT': {
			// holdtime|calltime|origposition
			const talk = seconds(d, 1);
			if (Number.isNaN(talk)) return notANumber(rec, 1, 'calltime');
			const reason = rec.event === 'COMPLETECALLER' ? 'caller hung up' : 'agent hung up';
			return [call(ended(rec, ctx, talk, reason, 0))];
		}
		case 'ABANDON':
			// position|origposition|waittime
			return waited(rec, ctx, 'abandoned', 2, undefined);
		case 'EXITWITHTIMEOUT':
			return waited(rec, ctx, 'timed_out', 2, undefined);
		case 'EXITEMPTY':
			return waited(rec, ctx, 'left', 2, 'queue empty');
		case 'EXITWITHKEY': {
			const reason = `key ${d[0] ?? ''}`;
			// 1.4 wrote key|position only: the wait is unknown, not zero.
			if (d.length < 4) return [call(withReason(callEvent(rec, ctx, 'left'), reason))];
			return waited(rec, ctx, 'left', 3, reason);
		}
		case 'WITHDRAW': {
			// position|origposition|waittime|withdrawinfo; the info is free text and may hold pipes.
			const info = d.slice(3).join('|');
			return waited(rec, ctx, 'left', 2, info === '' ? 'withdrawn' : `withdrawn: ${info}`);
		}
		// TRANSFER (≤11) and BLINDTRANSFER (12+): extension|context|holdtime|calltime[|origposition]
		case 'TRANSFER':
		case 'BLINDTRANSFER': {
			const talk = seconds(d, 3);
			if (Number.isNaN(talk)) return notANumber(rec, 3, 'calltime');
			return [call(ended(rec, ctx, talk, `transferred to ${d[0] ?? ''}@${d[1] ?? ''}`, 2))];
		}
		case 'ATTENDEDTRANSFER':
			return attendedTransfer(rec, ctx);
		case 'SYSCOMPAT':
			return other(rec, ctx, 'SYSCOMPAT: incompatible channels, call dropped');
		case 'AGENTDUMP':
			return other(rec, ctx, 'AGENTDUMP: agent hung up during the announcement');
		case 'RINGNOANSWER':
		case 'RINGCANCELED':
			// :TRICKY: the only durations in queue_log written in milliseconds (app_queue L5317, L5860).
			return [{ kind: 'ignored', why: `${rec.event}: ${rec.agent} rang ${msAsSeconds(d[0])}` }];
		case 'DID':
			return [{ kind: 'ignored', why: 'DID: dialled number, written by FreePBX before ENTERQUEUE' }];
		case 'CONFIGRELOAD':
			return [{ kind: 'ignored', why: 'CONFIGRELOAD: logger reload' }];
		case 'PENALTY':
			return [{ kind: 'ignored', why: 'PENALTY: member penalty changed' }];
		case 'RINGINUSE':
			return [{ kind: 'ignored', why: 'RINGINUSE: member ring-in-use setting changed' }];
		case 'QUEUESTART':
			return [{ kind: 'control', control: { control: 'pbx_restart', ts: rec.ts } }];
		case 'ADDMEMBER': {
			const out = agentRecords(rec, ctx, 'logged_in');
			// Added paused: logged in but not taking calls.
			if (d[0] === 'PAUSED' && out[0]?.kind === 'agent') out.push(...agentRecords(rec, ctx, 'not_ready'));
			return out;
		}
		case 'REMOVEMEMBER':
		case 'AGENTLOGOFF':
		case 'AGENTCALLBACKLOGOFF':
			return agentRecords(rec, ctx, 'logged_out');
		case 'AGENTLOGIN':
		case 'AGENTCALLBACKLOGIN':
			return agentRecords(rec, ctx, 'logged_in');
		case 'PAUSE':
		case 'PAUSEALL':
			return agentRecords(rec, ctx, 'not_ready');
		case 'UNPAUSE':
		case 'UNPAUSEALL':
			return agentRecords(rec, ctx, 'available');
		case '':
			return reject(rec, 'missing_field', 'the event name is empty');
		default:
			return unknownEvent(rec, ctx);
	}
}

// Header values that say "no call": system rows, AMI, CLI, realtime member changes.
const NOT_A_CALL = new Set(['NONE', 'REALTIME', 'MANAGER', 'CLI', '']);

function call(event: CallEvent): ParsedRecord {
	return { kind: 'call', event };
}

function callEvent(rec: QueueLogRecord, ctx: ParseContext, type: CallEventType): CallEvent {
	// A call leg is one queue: a caller re-queued into another queue is a second contact.
	const ev = newCallEvent(type, rec.ts, [rec.callid, rec.queue].join('@'));
	// Content-derived: the same line in a rotated or renamed file gets the same id.
	ev.eventId = idOf('ql', [msText(rec.ts), rec.callid, rec.queue, rec.agent, rec.event, rec.rawData].join(SEP));
	ev.channel = 'voice';
	if (rec.queue !== 'NONE' && rec.queue !== '') ev.topic = ctx.mapping.topicOfQueue(rec.queue);
	if (rec.agent !== 'NONE' && rec.agent !== '') {
		const agent = ctx.mapping.canonicalAgent(rec.agent);
		ev.agent = agent;
		ev.site = ctx.mapping.siteOfAgent(agent);
	}
	return ev;
}

/** An event kept with its raw data but not interpreted. */
function other(rec: QueueLogRecord, ctx: ParseContext, reason: string): ParsedRecord[] {
	return [call(withReason(callEvent(rec, ctx, 'pbx_other'), reason))];
}

function withReason(ev: CallEvent, reason: string): CallEvent {
	ev.reason = reason;
	return ev;
}

/**
 * The end of an answered call, with its talk time and the wait (holdtime, at data[holdAt]).
 * :TRICKY: the wait is repeated here for a call answered in one file and ended in the next
 * (rotation): ingested file by file, the second file's assembler never saw the CONNECT, and
 * the end's own wait and talk time say when the call queued and was answered.
 */
function ended(rec: QueueLogRecord, ctx: ParseContext, talkS: number, reason: string, holdAt: number): CallEvent {
	const ev = callEvent(rec, ctx, 'ended');
	ev.talkMs = talkS * 1000;
	const hold = seconds(rec.data, holdAt);
	if (!Number.isNaN(hold) && hold >= 0) ev.waitMs = hold * 1000;
	ev.holdMs = 0; // queue_log never records hold; 0 says "none known", not "unknown field"
	ev.reason = reason;
	return ev;
}

/** Events that end the wait: the wait in seconds sits at data[waitAt]. */
function waited(
	rec: QueueLogRecord,
	ctx: ParseContext,
	type: CallEventType,
	waitAt: number,
	reason: string | undefined
): ParsedRecord[] {
	const wait = seconds(rec.data, waitAt);
	if (Number.isNaN(wait)) return notANumber(rec, waitAt, 'waittime');
	const ev = callEvent(rec, ctx, type);
	ev.waitMs = wait * 1000;
	if (reason !== undefined) ev.reason = reason;
	return [call(ev)];
}

/**
 * ATTENDEDTRANSFER (12+): BRIDGE|bridge|holdtime|calltime|origposition, APP|app|… (same
 * positions), LINK|chan1|chan2|holdtime|calltime|origposition.
 * :TRICKY: calltime moves with the first token; parse by the token, not by the field count.
 */
function attendedTransfer(rec: QueueLogRecord, ctx: ParseContext): ParsedRecord[] {
	const d = rec.data;
	let talkAt: number;
	let target: string;
	switch (d[0]) {
		case 'BRIDGE':
			talkAt = 3;
			target = `bridge ${d[1] ?? ''}`;
			break;
		case 'APP':
			talkAt = 3;
			target = `application ${d[1] ?? ''}`;
			break;
		case 'LINK':
			talkAt = 4;
			target = `link ${d[1] ?? ''},${d[2] ?? ''}`;
			break;
		default:
			// A method we do not know: keep it rather than guess where calltime is.
			return other(rec, ctx, `${rec.event}|${rec.rawData}`);
	}
	const talk = seconds(d, talkAt);
	if (Number.isNaN(talk)) return notANumber(rec, talkAt, 'calltime');
	return [call(ended(rec, ctx, talk, `transferred to ${target}`, talkAt - 1))];
}

// chan_agent (≤11) logs "Agent/1001", app_agent_pool (12+) logs "1001" for the same agent.
const AGENT_CHANNEL_EVENTS = new Set([
	'AGENTLOGIN',
	'AGENTLOGOFF',
	'AGENTCALLBACKLOGIN',
	'AGENTCALLBACKLOGOFF'
]);
// Events about one queue membership; the *ALL and AGENT* events are about the agent.
const QUEUE_SCOPED = new Set(['ADDMEMBER', 'REMOVEMEMBER', 'PAUSE', 'UNPAUSE']);

function agentRecords(rec: QueueLogRecord, ctx: ParseContext, state: AgentState): ParsedRecord[] {
	let name = rec.agent;
	if (name === 'NONE' || name === '') return [{ kind: 'ignored', why: `${rec.event} without an agent` }];
	// Queue members backed by agents are "Agent/1001" in both eras, so that is the one id.
	if (AGENT_CHANNEL_EVENTS.has(rec.event) && name.indexOf('/') < 0) name = `Agent/${name}`;
	const agent = ctx.mapping.canonicalAgent(name);
	const ev: AgentEvent = {
		// The state is part of the id: ADDMEMBER|PAUSED gives two events from one line.
		eventId: stableId('qla', rec.ts, rec.callid, rec.queue, rec.agent, rec.event, rec.rawData, state),
		ts: rec.ts,
		agent,
		site: ctx.mapping.siteOfAgent(agent),
		state
	};
	// A pause reason is free text and may itself contain pipes: keep the whole data.
	if (state === 'not_ready' && rec.event !== 'ADDMEMBER' && rec.rawData !== '') ev.reason = rec.rawData;
	if (QUEUE_SCOPED.has(rec.event) && rec.queue !== 'NONE' && rec.queue !== '') {
		ev.topics = [ctx.mapping.topicOfQueue(rec.queue)];
	}
	return [{ kind: 'agent', event: ev }];
}

/** Custom QueueLog() verbs, PBXware OUT*, QueueMetrics INFO…: never rejected (FORMATS.md 1.5). */
function unknownEvent(rec: QueueLogRecord, ctx: ParseContext): ParsedRecord[] {
	if (NOT_A_CALL.has(rec.callid)) {
		const why = `unknown event ${rec.event} not about a call (callid ${rec.callid || 'empty'})`;
		return [{ kind: 'ignored', why }];
	}
	return other(rec, ctx, `${rec.event}|${rec.rawData}`);
}

/**
 * data[i] as whole seconds; NaN when missing or not a decimal integer. A negative value (the
 * wall clock stepped back mid-call: app_queue subtracts time(NULL) values) counts as 0.
 */
function seconds(data: string[], i: number): number {
	const s = data[i];
	if (s === undefined) return NaN;
	const n = s.length;
	if (n === 0 || n > 12) return NaN;
	let k = s.charCodeAt(0) === 45 ? 1 : 0; // '-'
	if (k === n) return NaN;
	let v = 0;
	for (; k < n; k++) {
		const c = s.charCodeAt(k) - 48;
		if (c < 0 || c > 9) return NaN;
		v = v * 10 + c;
	}
	return s.charCodeAt(0) === 45 ? 0 : v;
}

function msAsSeconds(ms: string | undefined): string {
	const n = Number(ms);
	return ms === undefined || ms === '' || !Number.isFinite(n) ? `(ring time "${ms ?? ''}")` : `${n / 1000} s`;
}

function notANumber(rec: QueueLogRecord, i: number, name: string): ParsedRecord[] {
	const v = rec.data[i];
	const what = v === undefined ? 'is missing' : `is "${v}"`;
	return reject(rec, 'bad_number', `${rec.event} data${i + 1} (${name}) ${what}, expected whole seconds`);
}

function reject(rec: QueueLogRecord, reason: RejectReason, detail: string): ParsedRecord[] {
	return rejected(rec.raw, reason, detail);
}

export function rejected(raw: string, reason: RejectReason, detail: string): ParsedRecord[] {
	return [{ kind: 'rejected', rejected: { reason, detail, raw } }];
}
