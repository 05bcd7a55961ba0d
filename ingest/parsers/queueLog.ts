/**
 * The Asterisk queue_log file: `epoch|callid|queuename|agent|event|data…`, one record a line
 * (FORMATS.md §1.2). Finds the fields; queueLogEvents.ts says what they mean.
 */
import type { LineParser } from '../types.ts';
import { queueLogToRecords, rejected } from './queueLogEvents.ts';

export const parseQueueLogLine: LineParser = (line, ctx) => {
	let text = line;
	// :TRICKY: an unclean shutdown leaves zero-fill in the file; line 189 of the 2022-08-01
	// sample starts with 78 NUL bytes before a valid QUEUESTART. Strip them, keep the record.
	if (text.indexOf('\0') >= 0) text = text.replaceAll('\0', '');
	if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
	if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) {
		return [{ kind: 'ignored', why: 'empty line' }];
	}

	const p1 = text.indexOf('|');
	const p2 = p1 < 0 ? -1 : text.indexOf('|', p1 + 1);
	const p3 = p2 < 0 ? -1 : text.indexOf('|', p2 + 1);
	const p4 = p3 < 0 ? -1 : text.indexOf('|', p3 + 1);
	if (p4 < 0) {
		const fields = p1 < 0 ? 1 : p2 < 0 ? 2 : p3 < 0 ? 3 : 4;
		const plural = fields === 1 ? '' : 's';
		return rejected(
			line,
			'bad_line',
			`line has ${fields} field${plural}, a queue_log line needs at least 5 (epoch|callid|queue|agent|event)`
		);
	}
	// Asterisk always writes a pipe after the event; other writers do not (`600|NONE|NONE|NONE|QUEUESTART`).
	const p5 = text.indexOf('|', p4 + 1);

	const epochText = text.slice(0, p1);
	const epoch = wholeSeconds(epochText);
	if (epoch < 0) return rejected(line, 'bad_time', `epoch "${epochText}" is not a whole number of seconds`);

	const rawData = p5 < 0 ? '' : text.slice(p5 + 1);
	return queueLogToRecords(
		{
			ts: epoch * 1000,
			callid: text.slice(p1 + 1, p2),
			queue: text.slice(p2 + 1, p3),
			agent: text.slice(p3 + 1, p4),
			event: p5 < 0 ? text.slice(p4 + 1) : text.slice(p4 + 1, p5),
			// The number of data fields varies by event and version: keep them all (up to 6).
			data: rawData === '' ? [] : rawData.split('|'),
			rawData,
			raw: line
		},
		ctx
	);
};

/** time(NULL) as written: digits only, never padded or signed; -1 otherwise. */
function wholeSeconds(s: string): number {
	const n = s.length;
	if (n === 0 || n > 12) return -1;
	let v = 0;
	for (let i = 0; i < n; i++) {
		const c = s.charCodeAt(i) - 48;
		if (c < 0 || c > 9) return -1;
		v = v * 10 + c;
	}
	return v;
}
