/**
 * An Asterisk realtime queue_log table exported as CSV (FORMATS.md §1.6). Columns come from
 * a header row (any order, any case): `time,callid,queuename,agent,event` plus `data`,
 * `data1..data5` or both. Without a header the adaptive layout is assumed. One parser per
 * source: it remembers the header it saw.
 */
import type { LineParser } from '../types.ts';
import { splitCsvLine } from './csvLine.ts';
import { localTimeToEpochMs } from './localTime.ts';
import { queueLogToRecords, rejected } from './queueLogEvents.ts';

/** Column index of each field, -1 when the table lacks it. */
type Layout = {
	time: number;
	callid: number;
	queue: number;
	agent: number;
	event: number;
	data: number;
	/** data1..data5 */
	dataN: number[];
	/** Columns a row needs to hold time..event. */
	needs: number;
};

const ADAPTIVE: Layout = {
	time: 0,
	callid: 1,
	queue: 2,
	agent: 3,
	event: 4,
	data: -1,
	dataN: [5, 6, 7, 8, 9],
	needs: 5
};
const REQUIRED = ['time', 'callid', 'queuename', 'agent', 'event'] as const;
const EPOCH = /^\d{9,}(?:\.\d+)?$/;

export function createQueueLogCsvParser(): LineParser {
	let layout = ADAPTIVE;
	return (line, ctx) => {
		let text = line;
		if (text.indexOf('\0') >= 0) text = text.replaceAll('\0', '');
		if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
		if (text.trim() === '') return [{ kind: 'ignored', why: 'empty line' }];
		const split = splitCsvLine(text);
		if (split === null) return rejected(line, 'bad_line', 'a quoted field is not closed on this line');
		const f = split.fields;

		// Times start with a digit; anything else in the first column may be a header.
		const first = (f[0] ?? '').trim();
		const c0 = first.charCodeAt(0);
		if (!(c0 >= 48 && c0 <= 57)) {
			const fromHeader = headerLayout(f);
			if (typeof fromHeader === 'string') return rejected(line, 'bad_line', fromHeader);
			if (fromHeader !== null) {
				layout = fromHeader;
				return [{ kind: 'ignored', why: 'header row' }];
			}
		}
		if (f.length < layout.needs) {
			const needs = 'a queue_log row needs time, callid, queuename, agent and event';
			return rejected(line, 'bad_line', `row has ${f.length} columns, ${needs}`);
		}

		const timeText = (f[layout.time] ?? '').trim();
		const ts = timeToEpochMs(timeText, ctx.timeZone);
		if (ts === null) {
			return rejected(line, 'bad_time', `time "${timeText}" is neither a local "YYYY-MM-DD HH:MM:SS[.ffffff]" nor an epoch`);
		}
		const rawData = dataOf(f, layout);
		return queueLogToRecords(
			{
				ts,
				callid: f[layout.callid] ?? '',
				queue: f[layout.queue] ?? '',
				agent: f[layout.agent] ?? '',
				event: f[layout.event] ?? '',
				data: rawData === '' ? [] : rawData.split('|'),
				rawData,
				raw: line
			},
			ctx
		);
	};
}

/**
 * The pipe-joined data string. Adaptive tables split it with AST_NONSTANDARD_APP_ARGS into at
 * most 5 columns, the 5th taking the remainder pipes and all (ATTENDEDTRANSFER LINK stores
 * data5 = "calltime|origposition"), so joining data1..data5 with pipes gives the original back.
 * :TRICKY: the unused columns are empty, and QueueLog() leaves a trailing "|" in data5
 * (asterisk#859): trailing pipes are dropped, so a short layout (EXITWITHKEY key|position)
 * keeps its true length. Hybrid tables have both: data1..5 win when any is filled (that is
 * what Asterisk writes in adaptive mode), else `data`.
 */
function dataOf(f: string[], layout: Layout): string {
	let joined = '';
	const n = layout.dataN;
	let filled = false;
	for (let i = 0; i < n.length; i++) {
		const v = f[n[i] as number] ?? '';
		if (v !== '') filled = true;
		joined = i === 0 ? v : `${joined}|${v}`;
	}
	if (!filled) joined = layout.data < 0 ? '' : (f[layout.data] ?? '');
	let end = joined.length;
	while (end > 0 && joined.charCodeAt(end - 1) === 124) end--;
	return end === joined.length ? joined : joined.slice(0, end);
}

/**
 * The layout a header row describes; null when the row is not a header, a message when it is
 * one we cannot use.
 */
function headerLayout(fields: string[]): Layout | string | null {
	const index = new Map<string, number>();
	for (let i = 0; i < fields.length; i++) index.set((fields[i] ?? '').trim().toLowerCase(), i);
	if (!index.has('event') || !index.has('callid')) return null;
	const missing = REQUIRED.filter((name) => !index.has(name));
	if (missing.length > 0) return `header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
	const at = (name: string): number => index.get(name) ?? -1;
	const dataN = [at('data1'), at('data2'), at('data3'), at('data4'), at('data5')].filter((i) => i >= 0);
	return {
		time: at('time'),
		callid: at('callid'),
		queue: at('queuename'),
		agent: at('agent'),
		event: at('event'),
		data: at('data'),
		dataN,
		needs: Math.max(at('time'), at('callid'), at('queuename'), at('agent'), at('event')) + 1
	};
}

/**
 * `time` is local wall-clock "%F %T.%6q" unless queue_log_realtime_use_gmt (then it is UTC);
 * (configure the source's zone as UTC). Some exports write epoch seconds instead; 13+ digits
 * without a fraction are read as milliseconds.
 */
function timeToEpochMs(text: string, zone: string): number | null {
	const local = localTimeToEpochMs(text, zone);
	if (local !== null) return local;
	if (!EPOCH.test(text)) return null;
	const n = Number(text);
	return text.indexOf('.') < 0 && text.length >= 13 ? n : Math.floor(n * 1000);
}
