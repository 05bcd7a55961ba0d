import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseQueueLogLine } from '../../../ingest/parsers/queueLog.ts';
import type { CallEvent, ParseContext, ParsedRecord } from '../../../ingest/types.ts';
import { testMapping } from '../../helpers/mapping.ts';

const topics: Record<string, string> = { pensions: 'pensions', '500': 'pensions' };
const aliases: Record<string, string> = { 'SIP/1001': 'Ona', 'Agent/1001': 'Ona' };
const sites: Record<string, string> = { Ona: 'panevezys' };
const mapping = testMapping(topics, aliases, sites);
const ctx: ParseContext = { sourceId: 'test', position: 'line 1', mapping, timeZone: 'Europe/Vilnius' };

const parse = (line: string): ParsedRecord[] => parseQueueLogLine(line, ctx);
function only(line: string): ParsedRecord {
	const out = parse(line);
	expect(out).toHaveLength(1);
	return out[0] as ParsedRecord;
}
function callOf(line: string): CallEvent {
	const r = only(line);
	if (r.kind !== 'call') throw new Error(`expected a call event, got ${JSON.stringify(r)}`);
	return r.event;
}
/** One short word per record, to compare whole files as a table. */
function summary(r: ParsedRecord): string {
	switch (r.kind) {
		case 'call':
			return `call ${r.event.type}`;
		case 'agent':
			return `agent ${r.event.state}`;
		case 'control':
			return r.control.control;
		default:
			return r.kind;
	}
}

const Q = '1658814335|1658814295.0|500';

describe('parseQueueLogLine: call fields', () => {
	it('keys the call leg by callid@queue and maps queue, agent alias and site', () => {
		expect(callOf(`${Q}|SIP/1001|CONNECT|6|1658814329.3|5`)).toEqual({
			eventId: expect.stringMatching(/^ql:[0-9a-f]{20}$/),
			ts: 1658814335000,
			callId: '1658814295.0@500',
			type: 'answered',
			channel: 'voice',
			topic: 'pensions',
			agent: 'Ona',
			site: 'panevezys',
			waitMs: 6000
		});
	});

	it('leaves agent and site out when the agent is NONE', () => {
		const ev = callOf(`${Q}|NONE|ENTERQUEUE||1001|1`);
		expect(ev.agent).toBeUndefined();
		expect(ev.site).toBeUndefined();
	});

	it('puts an unmapped agent at site unknown', () => {
		expect(callOf(`${Q}|PJSIP/400|CONNECT|6|x.3|5`)).toMatchObject({ agent: 'PJSIP/400', site: 'unknown' });
	});

	it('keeps callids 1658814295.10 and 1658814295.1 apart (text, never a number)', () => {
		const a = callOf('1658814335|1658814295.10|500|NONE|ENTERQUEUE||1001|1');
		const b = callOf('1658814335|1658814295.1|500|NONE|ENTERQUEUE||1001|1');
		expect([a.callId, b.callId]).toEqual(['1658814295.10@500', '1658814295.1@500']);
		expect(a.eventId).not.toBe(b.eventId);
	});

	it('gives the same line the same eventId, and a different line another', () => {
		const line = `${Q}|Ona|COMPLETEAGENT|6|7|1`;
		expect(callOf(line).eventId).toBe(callOf(line).eventId);
		expect(callOf(line).eventId).not.toBe(callOf(`${Q}|Ona|COMPLETEAGENT|6|8|1`).eventId);
	});
});

describe('parseQueueLogLine: call events in every layout', () => {
	it.each<[string, string, Partial<CallEvent>]>([
		['ENTERQUEUE url|callerid (≤1.6)', 'ENTERQUEUE||1001', { type: 'queued' }],
		['ENTERQUEUE +origposition (1.8+)', 'ENTERQUEUE||1001|1', { type: 'queued' }],
		['ENTERQUEUE +calleridname (20.14+)', 'ENTERQUEUE||1001|1|Jonas_Jonaitis', { type: 'queued' }],
		['CONNECT holdtime|uid (1.4)', 'CONNECT|6|1658814329.3', { type: 'answered', waitMs: 6000 }],
		['CONNECT +ringtime (1.6+)', 'CONNECT|6|1658814329.3|5', { type: 'answered', waitMs: 6000 }],
		['COMPLETECALLER', 'COMPLETECALLER|6|11|1', { type: 'ended', talkMs: 11000, holdMs: 0, reason: 'caller hung up' }],
		['COMPLETEAGENT', 'COMPLETEAGENT|6|7|1', { type: 'ended', talkMs: 7000, holdMs: 0, reason: 'agent hung up' }],
		['ABANDON', 'ABANDON|1|1|28', { type: 'abandoned', waitMs: 28000 }],
		['EXITWITHTIMEOUT', 'EXITWITHTIMEOUT|1|1|300', { type: 'timed_out', waitMs: 300000 }],
		['EXITEMPTY', 'EXITEMPTY|1|1|5', { type: 'left', waitMs: 5000, reason: 'queue empty' }],
		['EXITWITHKEY 1.8+', 'EXITWITHKEY|5|1|2|40', { type: 'left', waitMs: 40000, reason: 'key 5' }],
		['WITHDRAW', 'WITHDRAW|1|1|30|callback|asked', { type: 'left', waitMs: 30000, reason: 'withdrawn: callback|asked' }],
		['TRANSFER 4 fields (1.4)', 'TRANSFER|2000|from-internal|6|60', { type: 'ended', talkMs: 60000, holdMs: 0, reason: 'transferred to 2000@from-internal' }],
		['TRANSFER 5 fields (1.6.1+)', 'TRANSFER|2000|from-internal|6|60|1', { type: 'ended', talkMs: 60000, reason: 'transferred to 2000@from-internal' }],
		['BLINDTRANSFER', 'BLINDTRANSFER|2001|from-internal|20|61|1', { type: 'ended', talkMs: 61000, reason: 'transferred to 2001@from-internal' }],
		['ATTENDEDTRANSFER BRIDGE', 'ATTENDEDTRANSFER|BRIDGE|5f6c-8b1e|5|100|1', { type: 'ended', talkMs: 100000, reason: 'transferred to bridge 5f6c-8b1e' }],
		['ATTENDEDTRANSFER APP', 'ATTENDEDTRANSFER|APP|VoiceMail|10|60|1', { type: 'ended', talkMs: 60000, reason: 'transferred to application VoiceMail' }],
		['ATTENDEDTRANSFER LINK (6 fields)', 'ATTENDEDTRANSFER|LINK|PJSIP/1-1f|Local/2@x-3;1|4|62|1', { type: 'ended', talkMs: 62000, reason: 'transferred to link PJSIP/1-1f,Local/2@x-3;1' }],
		['ATTENDEDTRANSFER unknown method', 'ATTENDEDTRANSFER|THREEWAY|x|4|62|1', { type: 'pbx_other', reason: 'ATTENDEDTRANSFER|THREEWAY|x|4|62|1' }],
		['SYSCOMPAT', 'SYSCOMPAT|', { type: 'pbx_other', reason: 'SYSCOMPAT: incompatible channels, call dropped' }],
		['AGENTDUMP', 'AGENTDUMP|', { type: 'pbx_other', reason: 'AGENTDUMP: agent hung up during the announcement' }],
		['OUTCALL (15+, not interpreted)', 'OUTCALL|ANSWER|90|', { type: 'pbx_other', reason: 'OUTCALL|ANSWER|90|' }]
	])('%s', (_name, rest, expected) => {
		expect(callOf(`${Q}|Ona|${rest}`)).toMatchObject(expected);
	});

	it('omits the wait of an EXITWITHKEY in the 1.4 layout (key|position): unknown, not zero', () => {
		const ev = callOf(`${Q}|NONE|EXITWITHKEY|1|2`);
		expect(ev).toMatchObject({ type: 'left', reason: 'key 1' });
		expect(ev.waitMs).toBeUndefined();
	});

	it('reads a negative duration (clock stepped back) as zero', () => {
		expect(callOf(`${Q}|Ona|COMPLETEAGENT|6|-2|1`)).toMatchObject({ talkMs: 0 });
	});
});

describe('parseQueueLogLine: records that are not call events', () => {
	it('turns QUEUESTART into a PBX restart control, with or without the trailing pipe', () => {
		for (const line of ['1665122231|NONE|NONE|NONE|QUEUESTART|', '1665122231|NONE|NONE|NONE|QUEUESTART']) {
			expect(only(line)).toEqual({ kind: 'control', control: { control: 'pbx_restart', ts: 1665122231000 } });
		}
	});

	it('reads RINGNOANSWER and RINGCANCELED as milliseconds and ignores them', () => {
		expect(only(`${Q}|Ona|RINGNOANSWER|10000`)).toEqual({ kind: 'ignored', why: 'RINGNOANSWER: Ona rang 10 s' });
		expect(only(`${Q}|Ona|RINGCANCELED|4500`)).toEqual({ kind: 'ignored', why: 'RINGCANCELED: Ona rang 4.5 s' });
	});

	it.each(['DID|', 'DID|852000000', 'PENALTY|2', 'RINGINUSE|0'])('ignores %s', (rest) => {
		expect(only(`${Q}|NONE|${rest}`).kind).toBe('ignored');
	});

	it('ignores CONFIGRELOAD', () => {
		expect(only('1658213276|NONE|NONE|NONE|CONFIGRELOAD|').kind).toBe('ignored');
	});

	it.each(['', '   ', '\r', '\t\r'])('ignores the empty line %j', (line) => {
		expect(parse(line)).toEqual([{ kind: 'ignored', why: 'empty line' }]);
	});

	it('keeps unknown events with a real callid as pbx_other with their raw data', () => {
		expect(callOf('1700000900|1700000890.14|pensions|NONE|INFO|FTR|12|note')).toMatchObject({
			type: 'pbx_other',
			callId: '1700000890.14@pensions',
			reason: 'INFO|FTR|12|note'
		});
		expect(callOf('1700000900|mikopbx-1689142794.146|pensions|NONE|OUTDIAL|1234').callId).toBe(
			'mikopbx-1689142794.146@pensions'
		);
	});

	it.each(['NONE', 'MANAGER', 'CLI', 'REALTIME'])('ignores unknown events with callid %s', (callid) => {
		expect(only(`1700000901|${callid}|pensions|Ona|PAUSEREASON|12`)).toMatchObject({ kind: 'ignored' });
	});
});

describe('parseQueueLogLine: agent events', () => {
	const agentOf = (line: string) => parse(line).map((r) => (r.kind === 'agent' ? r.event : r));

	it.each([
		['ADDMEMBER', 'MANAGER|500|SIP/1001|ADDMEMBER|', ['logged_in']],
		['ADDMEMBER PAUSED', 'REALTIME|500|SIP/1001|ADDMEMBER|PAUSED', ['logged_in', 'not_ready']],
		['REMOVEMEMBER', 'MANAGER|500|SIP/1001|REMOVEMEMBER|', ['logged_out']],
		['PAUSE', 'NONE|500|Ona|PAUSE|lunch', ['not_ready']],
		['PAUSEALL', 'NONE|NONE|Ona|PAUSEALL|lunch', ['not_ready']],
		['UNPAUSE', 'NONE|500|Ona|UNPAUSE|', ['available']],
		['UNPAUSEALL', 'NONE|NONE|Ona|UNPAUSEALL|', ['available']],
		['AGENTLOGIN ≤11 (Agent/1001)', '1.5|NONE|Agent/1001|AGENTLOGIN|SIP/1001-01', ['logged_in']],
		['AGENTLOGIN 12+ (1001)', '1.5|NONE|1001|AGENTLOGIN|SIP/1001-01', ['logged_in']],
		['AGENTLOGOFF', '1.5|NONE|1001|AGENTLOGOFF|SIP/1001-01|989', ['logged_out']],
		['AGENTCALLBACKLOGIN', '1.5|NONE|Agent/1001|AGENTCALLBACKLOGIN|hint:1001@default', ['logged_in']],
		['AGENTCALLBACKLOGOFF', '1.5|NONE|Agent/1001|AGENTCALLBACKLOGOFF|hint:1001@default|25195|', ['logged_out']]
	])('%s resolves to Ona at panevezys', (_name, rest, states) => {
		const events = agentOf(`1658135489|${rest}`);
		expect(events).toMatchObject(states.map((state) => ({ agent: 'Ona', site: 'panevezys', state, ts: 1658135489000 })));
	});

	it('keeps the pause reason whole (pipes included) and the queue as a topic', () => {
		expect(agentOf('1658135489|NONE|500|Ona|PAUSE|lunch|long')).toEqual([
			{
				eventId: expect.stringMatching(/^qla:[0-9a-f]{20}$/),
				ts: 1658135489000,
				agent: 'Ona',
				site: 'panevezys',
				state: 'not_ready',
				reason: 'lunch|long',
				topics: ['pensions']
			}
		]);
	});

	it('gives the two events of ADDMEMBER|PAUSED different ids', () => {
		const [a, b] = agentOf('1658135489|REALTIME|500|SIP/1001|ADDMEMBER|PAUSED') as { eventId: string }[];
		expect(a?.eventId).not.toBe(b?.eventId);
	});

	it('ignores an agent event without an agent', () => {
		expect(only('1658135489|NONE|500|NONE|PAUSE|').kind).toBe('ignored');
	});
});

describe('parseQueueLogLine: damaged lines', () => {
	it('recovers a record behind NUL bytes (zero-fill after an unclean shutdown)', () => {
		expect(only(`${'\0'.repeat(78)}1658226847|NONE|NONE|NONE|QUEUESTART|`)).toEqual({
			kind: 'control',
			control: { control: 'pbx_restart', ts: 1658226847000 }
		});
		expect(callOf(`1658814342|16588\0\u000014295.0|500|Ona|COMPLETEAGENT|6|7|1\r`).callId).toBe('1658814295.0@500');
	});

	it.each([
		['1658814329|1658814295.0|500', 'line has 3 fields, a queue_log line needs at least 5 (epoch|callid|queue|agent|event)'],
		['CONFIGRELOAD', 'line has 1 field, a queue_log line needs at least 5 (epoch|callid|queue|agent|event)'],
		['abc|NONE|NONE|NONE|QUEUESTART|', 'epoch "abc" is not a whole number of seconds'],
		['1658814329.5|NONE|NONE|NONE|QUEUESTART|', 'epoch "1658814329.5" is not a whole number of seconds'],
		['|NONE|NONE|NONE|QUEUESTART|', 'epoch "" is not a whole number of seconds'],
		[`${Q}|NONE||1|2`, 'the event name is empty'],
		[`${Q}|Ona|CONNECT|x|1658814329.3|5`, 'CONNECT data1 (holdtime) is "x", expected whole seconds'],
		[`${Q}|Ona|CONNECT|`, 'CONNECT data1 (holdtime) is missing, expected whole seconds'],
		[`${Q}|Ona|COMPLETECALLER|6|1.5|1`, 'COMPLETECALLER data2 (calltime) is "1.5", expected whole seconds'],
		[`${Q}|NONE|ABANDON|1|1`, 'ABANDON data3 (waittime) is missing, expected whole seconds'],
		[`${Q}|NONE|EXITWITHKEY|1|1|1|`, 'EXITWITHKEY data4 (waittime) is "", expected whole seconds'],
		[`${Q}|Ona|TRANSFER|2000|ctx|6|sixty`, 'TRANSFER data4 (calltime) is "sixty", expected whole seconds'],
		[`${Q}|Ona|ATTENDEDTRANSFER|LINK|a|b|4|x|1`, 'ATTENDEDTRANSFER data5 (calltime) is "x", expected whole seconds']
	])('rejects %j: %s', (line, detail) => {
		const reason = detail.startsWith('line has') ? 'bad_line' : detail.startsWith('epoch') ? 'bad_time' : detail.includes('empty') ? 'missing_field' : 'bad_number';
		expect(parse(line)).toEqual([{ kind: 'rejected', rejected: { reason, detail, raw: line } }]);
	});

	it('keeps the raw line of a rejected record as received, NULs and all', () => {
		const line = '\0\u0000165882|NONE';
		expect(only(line)).toMatchObject({ kind: 'rejected', rejected: { raw: line } });
	});
});

describe('parseQueueLogLine: hand-written file across Asterisk 1.8, 13 and 20+', () => {
	const text = readFileSync(new URL('../../fixtures/queue-log/queue_log-versions', import.meta.url), 'utf8');
	const records = text.split('\n').filter((l) => l !== '').flatMap((line) => parse(line));

	it('reads every line into the expected records, in order', () => {
		expect(records.map(summary)).toEqual([
			// 1.8: chan_agent (Agent/1001), TRANSFER with origposition
			'pbx_restart', 'agent logged_in', 'agent logged_in',
			'call queued', 'call answered', 'call ended',
			'call queued', 'call left',
			'call queued', 'call timed_out',
			'call queued', 'call left',
			'call queued', 'call pbx_other',
			'agent not_ready', 'agent available', 'agent logged_out', 'agent logged_out',
			// 13: realtime member added paused, BLIND/ATTENDEDTRANSFER, app_agent_pool (1002)
			'pbx_restart', 'ignored', 'agent logged_in', 'agent not_ready', 'ignored', 'ignored',
			'agent available', 'agent available',
			'ignored', 'call queued', 'ignored', 'call answered', 'call ended',
			'call queued', 'call answered', 'call ended',
			'call queued', 'call answered', 'call ended',
			'call queued', 'call answered', 'call ended',
			'call queued', 'call pbx_other',
			'call queued', 'call abandoned',
			'agent logged_in', 'agent logged_out', 'agent not_ready', 'agent logged_out',
			// 20+: caller-id name on ENTERQUEUE, RINGCANCELED, WITHDRAW, custom verbs
			'pbx_restart', 'agent logged_in', 'agent not_ready', 'agent not_ready', 'agent available', 'agent available',
			'call queued', 'ignored', 'call abandoned',
			'call queued', 'call answered', 'call ended',
			'call queued', 'call left',
			'call queued', 'call left',
			'call queued', 'call answered', 'call ended', 'call pbx_other',
			'call pbx_other', 'ignored', 'agent available', 'agent not_ready', 'agent logged_out'
		]);
	});

	it('gives every call and agent event a distinct id', () => {
		const ids = records.flatMap((r) => (r.kind === 'call' || r.kind === 'agent' ? [r.event.eventId] : []));
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('keeps the 13-era calls 1500000015.10 and 1500000015.1 as two legs', () => {
		const queued = records.flatMap((r) => (r.kind === 'call' && r.event.type === 'queued' ? [r.event.callId] : []));
		expect(queued).toContain('1500000015.10@500');
		expect(queued).toContain('1500000015.1@500');
		expect(new Set(queued).size).toBe(queued.length);
	});
});

describe('parseQueueLogLine: real sample queue_log-20220801', () => {
	const url = new URL('../../../../shared/samples/asterisk/queue_log-20220801', import.meta.url);
	const path = fileURLToPath(url);
	if (!existsSync(path)) {
		throw new Error(`The real queue_log sample is missing at ${path}: it lives in /work/shared/samples, beside the repo.`);
	}
	const lines = readFileSync(path, 'utf8').split('\n');
	if (lines.at(-1) === '') lines.pop();
	const perLine = lines.map((line) => parse(line));
	const records = perLine.flat();
	const calls = records.flatMap((r) => (r.kind === 'call' ? [r.event] : []));
	const agents = records.flatMap((r) => (r.kind === 'agent' ? [r.event] : []));
	const count = (type: string) => calls.filter((e) => e.type === type).length;
	const total = (type: string, field: 'talkMs' | 'waitMs') =>
		calls.filter((e) => e.type === type).reduce((sum, e) => sum + (e[field] ?? 0), 0);

	it('rejects no line', () => {
		// `wc -l`: 543 lines, no blank ones.
		expect(lines).toHaveLength(543);
		expect(records.filter((r) => r.kind === 'rejected')).toEqual([]);
	});

	it('counts the calls the file holds', () => {
		// grep -ac '|ENTERQUEUE|' → 30, '|CONNECT|' → 3, '|ABANDON|' → 27, '|COMPLETE' → 3
		expect(count('queued')).toBe(30);
		expect(count('answered')).toBe(3);
		expect(count('abandoned')).toBe(27);
		expect(count('ended')).toBe(3);
		expect(calls).toHaveLength(63);
		// grep -a '|ENTERQUEUE|' | awk -F'|' '{print $2"@"$3}' | sort -u | wc -l → 30
		expect(new Set(calls.filter((e) => e.type === 'queued').map((e) => e.callId)).size).toBe(30);
	});

	it('sums talk and wait seconds', () => {
		// awk -F'|' '$5 ~ /^COMPLETE/ {s+=$7} END {print s}' → 22 (7 + 4 + 11)
		expect(total('ended', 'talkMs')).toBe(22_000);
		// awk -F'|' '$5=="CONNECT" {s+=$6} END {print s}' → 17 (6 + 5 + 6)
		expect(total('answered', 'waitMs')).toBe(17_000);
		// awk -F'|' '$5=="ABANDON" {s+=$8} END {print s}' → 591
		expect(total('abandoned', 'waitMs')).toBe(591_000);
	});

	it('resolves SIP/1001 and Ona to one agent at panevezys', () => {
		// grep -ac for ADDMEMBER, REMOVEMEMBER, UNPAUSE, UNPAUSEALL → 35 each
		expect(agents).toHaveLength(140);
		expect(new Set(agents.map((e) => `${e.agent}@${e.site}`))).toEqual(new Set(['Ona@panevezys']));
		expect(agents.filter((e) => e.state === 'logged_in')).toHaveLength(35);
		expect(agents.filter((e) => e.state === 'logged_out')).toHaveLength(35);
		expect(agents.filter((e) => e.state === 'available')).toHaveLength(70);
		expect(calls.filter((e) => e.agent !== undefined).every((e) => e.agent === 'Ona')).toBe(true);
	});

	it('reads QUEUESTART as restarts and ignores CONFIGRELOAD, DID and RINGNOANSWER', () => {
		// grep -ac '|QUEUESTART|' → 29; CONFIGRELOAD 280 + DID 30 + RINGNOANSWER 1 = 311
		expect(records.filter((r) => r.kind === 'control')).toHaveLength(29);
		expect(records.filter((r) => r.kind === 'ignored')).toHaveLength(311);
	});

	it('recovers line 189, which starts with 78 NUL bytes', () => {
		// sed -n 189p | tr -cd '\0' | wc -c → 78
		expect(lines[188]?.startsWith('\0'.repeat(78))).toBe(true);
		expect(perLine[188]).toEqual([{ kind: 'control', control: { control: 'pbx_restart', ts: 1658226847000 } }]);
	});
});
