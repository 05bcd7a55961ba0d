import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createQueueLogCsvParser } from '../../../ingest/parsers/queueLogCsv.ts';
import type { CallEvent, LineParser, ParseContext, ParsedRecord } from '../../../ingest/types.ts';
import { testMapping } from '../../helpers/mapping.ts';

const topics: Record<string, string> = { pensions: 'pensions', '500': 'pensions' };
const aliases: Record<string, string> = { 'SIP/1001': 'Ona' };
const sites: Record<string, string> = { Ona: 'panevezys' };
const mapping = testMapping(topics, aliases, sites);
const ctx: ParseContext = { sourceId: 'test', position: 'line 1', mapping, timeZone: 'Europe/Vilnius' };

/** Feeds lines to one fresh parser (one source) and returns the records of each line. */
function feed(...lines: string[]): ParsedRecord[][] {
	const parse: LineParser = createQueueLogCsvParser();
	return lines.map((line) => parse(line, ctx));
}
function callOf(records: ParsedRecord[] | undefined): CallEvent {
	const r = records?.[0];
	if (records?.length !== 1 || r?.kind !== 'call') throw new Error(`expected one call event, got ${JSON.stringify(records)}`);
	return r.event;
}

describe('createQueueLogCsvParser: column layouts', () => {
	it.each([
		['single data column', 'time,callid,queuename,agent,event,data', '2021-11-02 10:05:25.750000,1635840290.10,500,NONE,ABANDON,1|1|25'],
		['data1..data5', 'time,callid,queuename,agent,event,data1,data2,data3,data4,data5', '2021-11-02 10:05:25.750000,1635840290.10,500,NONE,ABANDON,1,1,25,,'],
		['any order, any case', 'DATA3,Event,data1,TIME,agent,queuename,CallId,data2', '25,ABANDON,1,2021-11-02 10:05:25.750000,NONE,500,1635840290.10,1'],
		['hybrid, data filled', 'id,time,callid,queuename,agent,event,data,data1,data2,data3,data4,data5', '9,2021-11-02 10:05:25.750000,1635840290.10,500,NONE,ABANDON,1|1|25,,,,,'],
		['hybrid, data1..5 filled', 'id,time,callid,queuename,agent,event,data,data1,data2,data3,data4,data5', '9,2021-11-02 10:05:25.750000,1635840290.10,500,NONE,ABANDON,,1,1,25,,']
	])('reads the %s layout from the header', (_name, header, row) => {
		const [head, rec] = feed(header, row);
		expect(head).toEqual([{ kind: 'ignored', why: 'header row' }]);
		expect(callOf(rec)).toMatchObject({
			type: 'abandoned',
			callId: '1635840290.10@500',
			topic: 'pensions',
			waitMs: 25_000,
			ts: Date.UTC(2021, 10, 2, 8, 5, 25, 750) // EET, +2
		});
	});

	it('gives one event the same id whichever layout stored it', () => {
		const [, single] = feed('time,callid,queuename,agent,event,data', '2021-11-02 10:05:25.750000,1635840290.10,500,NONE,ABANDON,1|1|25');
		const [, split] = feed('time,callid,queuename,agent,event,data1,data2,data3,data4,data5', '2021-11-02 10:05:25.750000,1635840290.10,500,NONE,ABANDON,1,1,25,,');
		expect(callOf(single).eventId).toBe(callOf(split).eventId);
	});

	it('assumes time,callid,queuename,agent,event,data1..data5 without a header', () => {
		const [rec] = feed('2021-11-02 10:05:00.250000,1635840290.10,pensions,SIP/1001,CONNECT,6,1635840290.11,2,,');
		expect(callOf(rec)).toMatchObject({ type: 'answered', waitMs: 6000, agent: 'Ona', site: 'panevezys' });
	});

	it('rejoins the remainder that data5 holds, pipes included (ATTENDEDTRANSFER LINK)', () => {
		const [rec] = feed('2021-11-02 10:06:00,1635840290.10,pensions,SIP/1001,ATTENDEDTRANSFER,LINK,PJSIP/1001-01,Local/2002@x-03;1,6,60|1');
		expect(callOf(rec)).toMatchObject({ type: 'ended', talkMs: 60_000, reason: 'transferred to link PJSIP/1001-01,Local/2002@x-03;1' });
	});

	it('drops the trailing pipe QueueLog() leaves in data5 (asterisk#859)', () => {
		const [rec] = feed('2021-11-02 10:00:00,1635840000.9,pensions,NONE,SURVEY,1,2,3,4,5|');
		expect(callOf(rec).reason).toBe('SURVEY|1|2|3|4|5');
	});

	it('keeps a short layout short: EXITWITHKEY key|position has no wait', () => {
		const [rec] = feed('2021-11-02 10:00:00,1635840000.9,pensions,NONE,EXITWITHKEY,1,2,,,');
		expect(callOf(rec).waitMs).toBeUndefined();
	});

	it('rejects a header that lacks a needed column', () => {
		const [head] = feed('time,callid,agent,event,data');
		expect(head).toEqual([{ kind: 'rejected', rejected: { reason: 'bad_line', detail: 'header row lacks the column queuename', raw: 'time,callid,agent,event,data' } }]);
	});

	it('keeps one header per parser instance (one source)', () => {
		feed('EVENT,time,callid,queuename,agent,data');
		const [rec] = feed('2021-11-02 10:00:00,1635840000.9,pensions,NONE,ENTERQUEUE,,37060000001,1,,');
		expect(callOf(rec).type).toBe('queued');
	});
});

describe('createQueueLogCsvParser: time column', () => {
	const row = (time: string) => `${time},1616893185.1,pensions,NONE,ENTERQUEUE,,37060000001,1,,`;
	it.each([
		['local time with microseconds (EET, +2)', '2021-11-02 10:05:25.750999', Date.UTC(2021, 10, 2, 8, 5, 25, 750)],
		['a second before the spring change (EET, +2)', '2021-03-28 02:59:59.999999', Date.UTC(2021, 2, 28, 0, 59, 59, 999)],
		['a second after the spring change (EEST, +3)', '2021-03-28 04:00:00.000001', Date.UTC(2021, 2, 28, 1, 0, 0, 0)],
		['the repeated autumn hour: the later instant (EET)', '2021-10-31 03:30:00.000000', Date.UTC(2021, 9, 31, 1, 30)],
		['a DATETIME without fraction', '2021-07-01 12:00:00', Date.UTC(2021, 6, 1, 9, 0)],
		['epoch seconds', '1658814335', 1658814335000],
		['epoch seconds with a fraction', '1658814335.25', 1658814335250],
		['epoch milliseconds', '1658814335250', 1658814335250]
	])('reads %s', (_name, time, ts) => {
		expect(callOf(feed(row(time))[0]).ts).toBe(ts);
	});

	it('rejects a time it cannot read, saying what it expected', () => {
		const line = row('2021-13-01 00:00:00');
		expect(feed(line)[0]).toEqual([
			{ kind: 'rejected', rejected: { reason: 'bad_time', detail: 'time "2021-13-01 00:00:00" is neither a local "YYYY-MM-DD HH:MM:SS[.ffffff]" nor an epoch', raw: line } }
		]);
	});
});

describe('createQueueLogCsvParser: damaged rows', () => {
	it.each([
		['2021-11-02 10:00:00,1635840000.9,pensions', 'bad_line', 'row has 3 columns, a queue_log row needs time, callid, queuename, agent and event'],
		['2021-11-02 10:00:00,"1635840000.9,pensions,NONE,ENTERQUEUE', 'bad_line', 'a quoted field is not closed on this line'],
		['2021-11-02 10:00:00,1635840000.9,pensions,NONE,CONNECT,soon,x,1,,', 'bad_number', 'CONNECT data1 (holdtime) is "soon", expected whole seconds']
	])('rejects %j', (line, reason, detail) => {
		expect(feed(line)[0]).toEqual([{ kind: 'rejected', rejected: { reason, detail, raw: line } }]);
	});

	it.each(['', '  ', '\r'])('ignores the empty line %j', (line) => {
		expect(feed(line)[0]).toEqual([{ kind: 'ignored', why: 'empty line' }]);
	});
});

describe('createQueueLogCsvParser: realtime export fixture (hybrid table, Europe/Vilnius)', () => {
	const text = readFileSync(new URL('../../fixtures/queue-log/queue_log-realtime.csv', import.meta.url), 'utf8');
	const records = feed(...text.split('\n').filter((l) => l !== '')).flat();
	const calls = records.flatMap((r) => (r.kind === 'call' ? [r.event] : []));

	it('reads every row, header ignored, none rejected', () => {
		expect(records.map((r) => (r.kind === 'call' ? r.event.type : r.kind))).toEqual([
			'ignored', 'queued', 'answered', 'ended', 'queued', 'answered', 'ended', 'pbx_other', 'queued', 'abandoned'
		]);
	});

	it('measures a wait across the spring DST change in real seconds', () => {
		const [queued, answered] = calls;
		expect(queued?.ts).toBe(Date.UTC(2021, 2, 28, 0, 59, 50, 123));
		expect(answered?.ts).toBe(Date.UTC(2021, 2, 28, 1, 0, 5, 905));
		expect(answered?.waitMs).toBe(15_000); // CONNECT holdtime agrees with the clock, not the wall
	});

	it('reads the transfer and the custom verb from their data columns', () => {
		expect(calls[5]).toMatchObject({ type: 'ended', agent: 'Ona', talkMs: 60_000, ts: Date.UTC(2021, 9, 31, 1, 31, 20, 500) });
		expect(calls[6]).toMatchObject({ type: 'pbx_other', callId: '1635840000.9@pensions', reason: 'SURVEY|1|2|3|4|5' });
		expect(calls[8]).toMatchObject({ type: 'abandoned', waitMs: 25_000 });
	});
});
