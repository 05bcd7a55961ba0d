import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { agentOfChannel, parseCdrCsvLine } from '../../../ingest/parsers/cdrCsv.ts';
import type { ContactRecord, ParseContext, ParsedRecord } from '../../../ingest/types.ts';
import { testMapping } from '../../helpers/mapping.ts';

const topics = new Map([
	['600', 'loans'],
	['support', 'it-support']
]);
const aliases = new Map([
	['Local/101@from-queue', 'ona'],
	['SIP/1002', 'jonas'],
	['PJSIP/400', 'ieva']
]);
const sites = new Map([
	['ona', 'vilnius'],
	['jonas', 'kaunas']
]);
const mapping = testMapping(topics, aliases, sites);

function ctx(line: number): ParseContext {
	return { sourceId: 'test', position: `line ${line}`, mapping, timeZone: 'Europe/Vilnius' };
}

function fixtureLines(name: string): string[] {
	const text = readFileSync(new URL(`../../fixtures/cdr/${name}`, import.meta.url), 'utf8');
	return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
}

function parseFixture(name: string): ParsedRecord[][] {
	return fixtureLines(name).map((line, i) => parseCdrCsvLine(line, ctx(i + 1)));
}

function only(records: ParsedRecord[]): ParsedRecord {
	expect(records).toHaveLength(1);
	return records[0] as ParsedRecord;
}

function contactOf(records: ParsedRecord[]): ContactRecord {
	const r = only(records);
	if (r.kind !== 'contact') throw new Error(`expected a contact, got ${JSON.stringify(r)}`);
	return r.contact;
}

// 2026-03-02 is winter time in Vilnius: UTC+2.
const vilnius = (local: string) => Date.parse(`${local.replace(' ', 'T')}+02:00`);

describe('Asterisk CDR CSV, an 18-column FreePBX Master.csv', () => {
	const parsed = parseFixture('Master.csv');
	const contacts = parsed.flat().flatMap((r) => (r.kind === 'contact' ? [r.contact] : []));

	it('turns each Queue row into a contact and ignores the rest', () => {
		expect(parsed.map((rs) => only(rs).kind)).toEqual([
			'contact', // 600, answered by Local/101@from-queue
			'ignored', // the Local ;2 half dialling SIP/101
			'contact', // support, answered by SIP/1002
			'contact', // 600, NO ANSWER
			'contact', // 600, CANCEL
			'contact', // 600, BUSY
			'ignored', // internal call 1001 → 1002
			'ignored', // h extension
			'contact', // sales, answered by PJSIP/400
			'contact' // 600, ANSWERED by the PBX but no dstchannel
		]);
	});

	it('counts offered, answered and abandoned, with talk and wait seconds', () => {
		// Answered: lines 1, 3, 9. Abandoned: 4 (NO ANSWER), 5 (CANCEL), 10 (no agent).
		// Unknown: 6 (BUSY). Talk = billsec 240 + 360 + 120 = 720 s. Answered wait =
		// answer − start = 25 + 40 + 8 = 73 s. Abandoned wait = duration 90 + 45 + 60 = 195 s.
		const count = (outcome: string) => contacts.filter((c) => c.outcome === outcome).length;
		const seconds = (ms: number) => ms / 1000;
		const sum = (cs: ContactRecord[], pick: (c: ContactRecord) => number) => cs.reduce((s, c) => s + pick(c), 0);
		const answered = contacts.filter((c) => c.outcome === 'answered');
		const abandoned = contacts.filter((c) => c.outcome === 'abandoned');
		expect({
			offered: contacts.length,
			answered: count('answered'),
			abandoned: count('abandoned'),
			unknown: count('unknown')
		}).toEqual({ offered: 7, answered: 3, abandoned: 3, unknown: 1 });
		expect(seconds(sum(contacts, (c) => c.talkMs))).toBe(720);
		expect(seconds(sum(answered, (c) => c.waitMs))).toBe(73);
		expect(seconds(sum(abandoned, (c) => c.waitMs))).toBe(195);
		expect(sum(contacts, (c) => c.holdMs + c.wrapMs)).toBe(0);
	});

	it('reads an answered queue call whole, in local time', () => {
		expect(contactOf(parsed[0] as ParsedRecord[])).toEqual({
			contactId: 'cdr:1772434800.1',
			channel: 'voice',
			topic: 'loans',
			site: 'vilnius',
			agent: 'ona',
			queuedAt: vilnius('2026-03-02 09:00:00'),
			answeredAt: vilnius('2026-03-02 09:00:25'),
			endedAt: vilnius('2026-03-02 09:04:25'),
			outcome: 'answered',
			waitMs: 25_000,
			talkMs: 240_000,
			holdMs: 0,
			wrapMs: 0
		});
	});

	it.each([
		[3, 'it-support', 'jonas', 'kaunas'], // SIP/1002-0000abcd; clid with a comma and doubled quotes
		[9, 'sales', 'ieva', 'unknown'] // PJSIP/400-00000012, a site nobody mapped
	])('line %i: queue and agent through the mapping', (line, topic, agent, site) => {
		const c = contactOf(parsed[line - 1] as ParsedRecord[]);
		expect({ topic: c.topic, agent: c.agent, site: c.site }).toEqual({ topic, agent, site });
	});

	it.each([
		[4, 'abandoned', 90_000], // NO ANSWER, empty answer: the last agent rung is not the agent
		[5, 'abandoned', 45_000], // CANCEL
		[6, 'unknown', 0], // BUSY
		[10, 'abandoned', 60_000] // ANSWERED without dstchannel: the caller hung up in the queue
	])('line %i: unanswered, outcome %s, wait %i ms', (line, outcome, waitMs) => {
		const c = contactOf(parsed[line - 1] as ParsedRecord[]);
		expect(c).toMatchObject({ outcome, waitMs, answeredAt: null, talkMs: 0, agent: '', site: '' });
	});

	it.each([
		[2, /Dial leg/],
		[7, /Dial leg/],
		[8, /h extension/]
	])('line %i is ignored with a reason', (line, why) => {
		const r = only(parsed[line - 1] as ParsedRecord[]);
		expect(r.kind === 'ignored' && r.why).toMatch(why);
	});
});

describe('Asterisk CDR CSV layouts', () => {
	const parsed = parseFixture('layouts.csv');

	it.each([
		[1, 16, /^cdr:[0-9a-f]{20}$/], // no ids at all: the line's content
		[2, 17, /^cdr:1772434800\.17$/], // loguniqueid
		[3, 17, /^cdr:[0-9a-f]{20}$/], // loguserfield: "campaign-7" is no uniqueid
		[4, 18, /^cdr:1772434800\.18$/], // both
		[5, 19, /^cdr:1772434800\.19$/], // newcdrcolumns only: linkedid
		[6, 20, /^cdr:1772434800\.2$/], // loguniqueid (with systemname) + newcdrcolumns: linkedid, a string
		[7, 21, /^cdr:1772434800\.1$/], // everything: linkedid over uniqueid
		[8, 21, /^cdr:1772434800\.22$/] // empty linkedid: uniqueid
	])('line %i, %i columns: contact id %s', (line, _columns, id) => {
		const c = contactOf(parsed[line - 1] as ParsedRecord[]);
		expect(c.contactId).toMatch(id);
		expect(c).toMatchObject({ topic: 'loans', agent: 'jonas', outcome: 'answered', waitMs: 10_000, talkMs: 60_000 });
	});

	it('gives a line without ids the same id when read again', () => {
		const line = fixtureLines('layouts.csv')[0] as string;
		expect(contactOf(parseCdrCsvLine(line, ctx(9))).contactId).toBe(contactOf(parsed[0] as ParsedRecord[]).contactId);
	});

	it('accepts CRLF line ends', () => {
		const line = fixtureLines('layouts.csv')[3] as string;
		expect(contactOf(parseCdrCsvLine(`${line}\r`, ctx(1)))).toEqual(contactOf(parsed[3] as ParsedRecord[]));
	});

	it('ignores an empty line', () => {
		expect(parseCdrCsvLine('', ctx(1))).toEqual([{ kind: 'ignored', why: 'empty line' }]);
	});

	it('falls back to duration − billsec when the autumn clock change makes answer − start negative', () => {
		// 25 October 2026, 03:00–04:00 happens twice in Vilnius; both times are read as the
		// later (winter) hour, so a call from 03:59:50 summer time to 03:00:10 winter time
		// seems to be answered before it started. duration − billsec = 30 − 10 = 20 s.
		const line =
			'"","1","600","ext-queues","""1"" <1>","SIP/t-1","SIP/1002-00000002","Queue","600","2026-10-25 03:59:50","2026-10-25 03:00:10","2026-10-25 03:00:20",30,10,"ANSWERED","DOCUMENTATION","1.1",""';
		expect(contactOf(parseCdrCsvLine(line, ctx(1)))).toMatchObject({ waitMs: 20_000, talkMs: 10_000 });
	});
});

describe('Asterisk CDR CSV across clock changes (Vilnius)', () => {
	const queueRow = (start: string, answer: string, end: string, duration: number, billsec: number) =>
		`"","1","600","ext-queues","""1"" <1>","SIP/t-1","SIP/1002-00000002","Queue","600","${start}","${answer}","${end}",${duration},${billsec},"ANSWERED","DOCUMENTATION","1.1",""`;
	const timesOf = (line: string) => {
		const c = contactOf(parseCdrCsvLine(line, ctx(1)));
		return {
			queuedAt: new Date(c.queuedAt).toISOString(),
			answeredAt: c.answeredAt === null ? null : new Date(c.answeredAt).toISOString(),
			endedAt: new Date(c.endedAt).toISOString(),
			waitMs: c.waitMs,
			talkMs: c.talkMs
		};
	};

	it('keeps the wait and the end when answer and end fall in the first pass of the repeated hour', () => {
		// 25 October 2026: 02:59:30 EEST (23:59:30Z), answered 40 s later at 03:00:10 EEST, ended
		// 03:05:00 EEST. 03:00:10 and 03:05:00 are read as their later (EET) pass, an hour late.
		expect(timesOf(queueRow('2026-10-25 02:59:30', '2026-10-25 03:00:10', '2026-10-25 03:05:00', 330, 290))).toEqual({
			queuedAt: '2026-10-24T23:59:30.000Z',
			answeredAt: '2026-10-25T00:00:10.000Z',
			endedAt: '2026-10-25T00:05:00.000Z', // 5 min 30 s after the start
			waitMs: 40_000,
			talkMs: 290_000
		});
	});

	it('moves the start back when only the start falls in the first pass', () => {
		// 03:58:00 EEST (00:58Z) to 04:10:00 EET (02:10Z): 72 minutes, though 04:10 − 03:58 reads 12.
		expect(timesOf(queueRow('2026-10-25 03:58:00', '2026-10-25 03:58:30', '2026-10-25 04:10:00', 4320, 4290))).toEqual({
			queuedAt: '2026-10-25T00:58:00.000Z',
			answeredAt: '2026-10-25T00:58:30.000Z',
			endedAt: '2026-10-25T02:10:00.000Z',
			waitMs: 30_000,
			talkMs: 4_290_000
		});
	});

	it('measures a wait across the spring gap in real time, not by the clock', () => {
		// 29 March 2026: 02:59:50 EET (00:59:50Z) to 04:00:20 EEST (01:00:20Z) is 30 s.
		expect(timesOf(queueRow('2026-03-29 02:59:50', '2026-03-29 04:00:20', '2026-03-29 04:00:50', 60, 30))).toEqual({
			queuedAt: '2026-03-29T00:59:50.000Z',
			answeredAt: '2026-03-29T01:00:20.000Z',
			endedAt: '2026-03-29T01:00:50.000Z',
			waitMs: 30_000,
			talkMs: 30_000
		});
	});

	it('keeps the times as written when they agree with duration and billsec to the second', () => {
		// An ordinary winter day (UTC+2); the end is a second past start + duration, as truncation makes it.
		expect(timesOf(queueRow('2026-03-02 09:00:00', '2026-03-02 09:00:25', '2026-03-02 09:04:26', 265, 240))).toEqual({
			queuedAt: '2026-03-02T07:00:00.000Z',
			answeredAt: '2026-03-02T07:00:25.000Z',
			endedAt: '2026-03-02T07:04:26.000Z',
			waitMs: 25_000,
			talkMs: 240_000
		});
	});
});

describe('Asterisk CDR CSV rejects', () => {
	const lines = fixtureLines('malformed.csv');
	const parsed = parseFixture('malformed.csv');

	it.each([
		[1, /15 columns.*16, 17, 18, 19, 20 or 21/],
		[2, /22 columns/],
		[3, /column 10 \(start\) is not a date: "02\/03\/2026 09:00"/],
		[4, /column 11 \(answer\) is not a date: "2026-02-30 09:00:10"/],
		[5, /column 12 \(end\) is not a date/],
		[6, /column 13 \(duration\) is not a whole number of seconds: "70.5"/],
		[7, /column 14 \(billsec\) is not a whole number of seconds: "-1"/],
		[8, /unclosed quote/],
		[9, /names no queue/]
	])('line %i: %s', (line, reason) => {
		const r = only(parsed[line - 1] as ParsedRecord[]);
		if (r.kind !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(r)}`);
		expect(r.rejected.detail).toMatch(reason);
		expect(r.rejected.raw).toBe(lines[line - 1]);
	});
});

describe('agentOfChannel', () => {
	it.each([
		['SIP/1002-0000abcd', 'SIP/1002'],
		['PJSIP/400-00000012', 'PJSIP/400'],
		['Local/101@from-queue-00000002;1', 'Local/101@from-queue'],
		['Local/101@from-queue-00000002;2', 'Local/101@from-queue'],
		['DAHDI/1-1', 'DAHDI/1'],
		['SIP/my-trunk', 'SIP/my-trunk'],
		['Agent/1001', 'Agent/1001']
	])('%s → %s', (channel, agent) => {
		expect(agentOfChannel(channel)).toBe(agent);
	});
});
