/**
 * Asterisk CDR CSV (`cdr_csv`, `Master.csv`): no header, one call record a line, 16 to 21
 * columns depending on loguniqueid, loguserfield and newcdrcolumns. Every row whose last
 * application was Queue becomes one finished voice contact; every other row is ignored.
 * Read Master.csv only: the per-accountcode files hold the same rows again.
 */
import type { ContactRecord, LineParser, Outcome, ParsedRecord } from '../types.ts';
import { splitCsvLine } from './csvLine.ts';
import { localTimeToEpochMs } from './localTime.ts';
import { stableId } from './stableId.ts';
import type { RejectReason } from './rejectReasons.ts';

// The 16 columns every configuration writes (0-based).
const DST = 2;
const DSTCHANNEL = 6;
const LASTAPP = 7;
const LASTDATA = 8;
const START = 9;
const ANSWER = 10;
const END = 11;
const DURATION = 12;
const BILLSEC = 13;
const DISPOSITION = 14;
const OPTIONAL = 16; // uniqueid and/or userfield, then peeraccount, linkedid, sequence

const WHOLE_SECONDS = /^\d+$/;
// "1658814295.10", or "pbx1-1658814295.10" when asterisk.conf sets systemname.
const UNIQUEID = /(?:^|-)\d{9,}\.\d+$/;

type IdColumns = { uniqueid: number; linkedid: number };
// One constant per layout (names give 1-based column numbers): this runs once a line.
const NO_IDS: IdColumns = { uniqueid: -1, linkedid: -1 };
const UNIQUEID_ONLY: IdColumns = { uniqueid: OPTIONAL, linkedid: -1 };
const LINKEDID_AT_18: IdColumns = { uniqueid: -1, linkedid: OPTIONAL + 1 };
const LINKEDID_AT_19: IdColumns = { uniqueid: -1, linkedid: OPTIONAL + 2 };
const BOTH_AT_17_19: IdColumns = { uniqueid: OPTIONAL, linkedid: OPTIONAL + 2 };
const BOTH_AT_17_20: IdColumns = { uniqueid: OPTIONAL, linkedid: OPTIONAL + 3 };

/**
 * Where uniqueid and linkedid sit (0-based) for a column count; -1 when the layout has none.
 * :TRICKY: 17 and 20 columns mean exactly one of loguniqueid/loguserfield is on, and the
 * file does not say which: column 17 is the uniqueid when it looks like one. FORMATS.md
 * lists 16, 17, 18, 19 and 21; 20 (one of the two, plus newcdrcolumns) is just as valid
 * in cdr_csv.c build_csv_record(), so it is accepted too.
 */
function idColumns(count: number, optional: string): IdColumns | null {
	switch (count) {
		case 16:
			return NO_IDS;
		case 17:
			return UNIQUEID.test(optional) ? UNIQUEID_ONLY : NO_IDS;
		case 18:
			return UNIQUEID_ONLY; // uniqueid, userfield
		case 19:
			return LINKEDID_AT_18; // peeraccount, linkedid, sequence
		case 20:
			return UNIQUEID.test(optional) ? BOTH_AT_17_19 : LINKEDID_AT_19;
		case 21:
			return BOTH_AT_17_20; // uniqueid, userfield, peeraccount, linkedid, sequence
		default:
			return null;
	}
}

export const parseCdrCsvLine: LineParser = (line, ctx) => {
	const text = line.endsWith('\r') ? line.slice(0, -1) : line;
	if (text.trim() === '') return [{ kind: 'ignored', why: 'empty line' }];

	const split = splitCsvLine(text);
	if (split === null) {
		return rejected(line, 'bad_line', 'unclosed quote: a quoted field runs to the end of the line (a cut or over-long record)');
	}
	const f = split.fields;
	const ids = idColumns(f.length, f[OPTIONAL] ?? '');
	if (ids === null) {
		return rejected(
			line,
			'bad_line',
			`line has ${f.length} columns, a Master.csv line has 16, 17, 18, 19, 20 or 21 (loguniqueid, loguserfield, newcdrcolumns)`
		);
	}

	// Cheap checks first: most rows of a busy PBX are not queue calls and need no dates.
	if (f[DST] === 'h') return [{ kind: 'ignored', why: 'h extension: the hangup handler, not a caller-facing call' }];
	const lastapp = f[LASTAPP] as string;
	if (lastapp !== 'Queue') {
		return [
			{
				kind: 'ignored',
				why:
					lastapp === 'Dial'
						? 'Dial leg without a queue: an internal or direct call, or an agent leg of a queue call'
						: `lastapp ${lastapp === '' ? '(empty)' : lastapp} is not Queue: not a queue call`
			}
		];
	}
	const lastdata = f[LASTDATA] as string;
	const comma = lastdata.indexOf(',');
	const queue = comma < 0 ? lastdata : lastdata.slice(0, comma);
	if (queue === '') return rejected(line, 'missing_field', 'lastapp is Queue but lastdata (column 9) names no queue');

	const start = localTimeToEpochMs(f[START] as string, ctx.timeZone);
	if (start === null) return rejected(line, 'bad_time', `column 10 (start) is not a date: "${f[START]}"`);
	const end = localTimeToEpochMs(f[END] as string, ctx.timeZone);
	if (end === null) return rejected(line, 'bad_time', `column 12 (end) is not a date: "${f[END]}"`);
	// Unset answer: empty without quotes since Asterisk 1.6, `""` in 1.4; both mean "never".
	const answerText = f[ANSWER] as string;
	const answer = answerText === '' ? null : localTimeToEpochMs(answerText, ctx.timeZone);
	if (answer === null && answerText !== '') return rejected(line, 'bad_time', `column 11 (answer) is not a date: "${answerText}"`);
	const durationText = f[DURATION] as string;
	if (!WHOLE_SECONDS.test(durationText)) {
		return rejected(line, 'bad_number', `column 13 (duration) is not a whole number of seconds: "${durationText}"`);
	}
	const billsecText = f[BILLSEC] as string;
	if (!WHOLE_SECONDS.test(billsecText)) {
		return rejected(line, 'bad_number', `column 14 (billsec) is not a whole number of seconds: "${billsecText}"`);
	}
	const duration = Number(durationText);
	const billsec = Number(billsecText);
	const t = callTimes(start, answer, end, duration * 1000, billsec * 1000);

	const dstchannel = f[DSTCHANNEL] as string;
	const disposition = f[DISPOSITION] as string;
	let outcome: Outcome;
	if (disposition === 'ANSWERED') {
		// :TRICKY: since Asterisk 12 ANSWERED means the caller's channel was answered, which
		// the IVR or Queue() itself does before any agent rings. With no dstchannel no agent
		// ever took the call: the caller hung up in the queue. ANSWERED with no answer time
		// contradicts itself and stays unknown.
		outcome = dstchannel === '' ? 'abandoned' : answer === null ? 'unknown' : 'answered';
	} else if (disposition === 'NO ANSWER' || disposition === 'CANCEL') {
		outcome = 'abandoned';
	} else {
		outcome = 'unknown'; // BUSY, FAILED, CONGESTION, UNKNOWN and anything newer
	}

	const contact: ContactRecord = {
		contactId: contactIdOf(f, ids.uniqueid, ids.linkedid, text),
		channel: 'voice',
		topic: ctx.mapping.topicOfQueue(queue),
		site: '',
		agent: '',
		queuedAt: t.start,
		answeredAt: null,
		endedAt: t.end,
		outcome,
		waitMs: 0,
		talkMs: 0,
		holdMs: 0, // a CDR knows neither hold nor wrap-up
		wrapMs: 0
	};
	if (outcome === 'answered' && t.answer !== null) {
		const agent = ctx.mapping.canonicalAgent(agentOfChannel(dstchannel));
		contact.agent = agent;
		contact.site = ctx.mapping.siteOfAgent(agent);
		contact.answeredAt = t.answer;
		contact.waitMs = Math.max(0, t.answer - t.start);
		contact.talkMs = billsec * 1000;
	} else if (outcome === 'abandoned') {
		contact.waitMs = duration * 1000;
	}
	return [{ kind: 'contact', contact }];
};

// How far whole-second local times may stray from duration and billsec: Asterisk truncates
// both the times it writes and the milliseconds it counts.
const SLACK_MS = 2000;

type CallTimes = { start: number; answer: number | null; end: number };

/**
 * start, answer and end as instants that agree with duration (end − start) and billsec
 * (end − answer), which Asterisk counts itself, free of any clock change.
 * :TRICKY: in the hour the clocks go back a local time happens twice and localTime takes the
 * later pass, so a time written in the first pass reads an hour late, never early: a call
 * from 02:59:30 to 03:05:00 summer time seems to last an hour longer. When the times
 * disagree with the durations, the earlier of end and start + duration is the true end (had
 * both start and end been read late, they would agree), and start and answer are counted
 * back from it. Times that agree stand as read, even all three an hour late: nothing tells.
 */
function callTimes(start: number, answer: number | null, end: number, durationMs: number, billMs: number): CallTimes {
	const answerFits = answer === null || Math.abs(end - answer - billMs) <= SLACK_MS;
	if (answerFits && Math.abs(end - start - durationMs) <= SLACK_MS) return { start, answer, end };
	const trueEnd = Math.min(end, start + durationMs);
	return { start: trueEnd - durationMs, answer: answer === null ? null : trueEnd - billMs, end: trueEnd };
}

/**
 * :TRICKY: Asterisk 12+ writes several CDRs per call (one per bridge pairing: each agent
 * rung gets its own Queue row). Rows sharing a linkedid collapse to one contact id on
 * purpose, and storage keeps one of them. uniqueid is per channel, so older PBXes (no
 * linkedid) give one id per caller channel; without either the line's content is the id.
 */
function contactIdOf(f: string[], uniqueidAt: number, linkedidAt: number, line: string): string {
	const linkedid = linkedidAt < 0 ? '' : (f[linkedidAt] as string);
	if (linkedid !== '') return `cdr:${linkedid}`;
	const uniqueid = uniqueidAt < 0 ? '' : (f[uniqueidAt] as string);
	if (uniqueid !== '') return `cdr:${uniqueid}`;
	return stableId('cdr', line);
}

/**
 * The member behind a channel name: the channel without Asterisk's per-call suffix.
 * `SIP/1002-0000abcd` → `SIP/1002`, `PJSIP/400-00000012` → `PJSIP/400`,
 * `Local/101@from-queue-00000002;1` → `Local/101@from-queue`, `DAHDI/1-1` → `DAHDI/1`.
 */
export function agentOfChannel(channel: string): string {
	let end = channel.length;
	const semi = channel.lastIndexOf(';');
	if (semi > 0 && isHex(channel, semi + 1, end)) end = semi; // Local channel half ;1 or ;2
	const dash = channel.lastIndexOf('-', end - 1);
	if (dash > channel.indexOf('/') && isHex(channel, dash + 1, end)) end = dash;
	return end === channel.length ? channel : channel.slice(0, end);
}

function isHex(s: string, from: number, to: number): boolean {
	if (from >= to) return false;
	for (let i = from; i < to; i++) {
		const c = s.charCodeAt(i);
		const digit = c >= 48 && c <= 57;
		const lower = c >= 97 && c <= 102;
		const upper = c >= 65 && c <= 70;
		if (!digit && !lower && !upper) return false;
	}
	return true;
}

function rejected(raw: string, reason: RejectReason, detail: string): ParsedRecord[] {
	return [{ kind: 'rejected', rejected: { reason, detail, raw } }];
}
