/**
 * Benchmark inputs: the same kind of traffic in every input format, generated
 * deterministically (`variant` shifts ids and times so each run is new data for the
 * exactly-once machinery rather than a replay it would skip).
 */
import { callStream } from '../tests/helpers/callStream.ts';

export type Dataset = { text: string; events: number };

const BASE = Date.parse('2026-10-05T05:00:00Z');

type Call = { id: string; queued: number; waitMs: number; talkMs: number; holdMs: number; answered: boolean; topic: string };

function calls(n: number, variant: number): Call[] {
	const topics = ['pensions', 'benefits', 'contributions', 'other'];
	return Array.from({ length: n }, (_, i) => ({
		id: `b${variant}-${i}`,
		queued: BASE + variant * 86_400_000 * 3 + i * 1_500,
		waitMs: i % 5 === 0 ? 3_000 + (i % 60) * 1_000 : (i % 90) * 1_000,
		talkMs: 60_000 + (i % 300) * 1_000,
		holdMs: (i % 7) * 5_000,
		answered: i % 5 !== 0,
		topic: topics[i % 4]!
	}));
}

export function ndjson(n: number, variant: number): Dataset {
	const { lines } = callStream(n, { prefix: `b${variant}`, start: BASE + variant * 86_400_000 * 3 });
	return { text: lines.join('\n') + '\n', events: lines.length };
}

export function queueLog(n: number, variant: number): Dataset {
	const rows: [number, string][] = [];
	for (const c of calls(n, variant)) {
		const t = Math.floor(c.queued / 1000);
		const w = Math.round(c.waitMs / 1000);
		rows.push([t, `${t}|${c.id}.1|${c.topic}|NONE|ENTERQUEUE||37060000000|1`]);
		if (!c.answered) rows.push([t + w, `${t + w}|${c.id}.1|${c.topic}|NONE|ABANDON|1|1|${w}`]);
		else {
			const talk = Math.round(c.talkMs / 1000);
			rows.push([t + w, `${t + w}|${c.id}.1|${c.topic}|agent-${c.id.length % 35}|CONNECT|${w}|${c.id}.2|2`]);
			rows.push([t + w + talk, `${t + w + talk}|${c.id}.1|${c.topic}|agent-${c.id.length % 35}|COMPLETECALLER|${w}|${talk}|1`]);
		}
	}
	rows.sort((a, b) => a[0] - b[0]);
	return { text: rows.map((r) => r[1]).join('\n') + '\n', events: rows.length };
}

function local(ms: number): string {
	// The datasets use Vilnius time in October (UTC+3) for formats that write local time.
	return new Date(ms + 3 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

export function queueLogCsv(n: number, variant: number): Dataset {
	const { text, events } = queueLog(n, variant);
	const out = ['time,callid,queuename,agent,event,data1,data2,data3,data4,data5'];
	for (const line of text.split('\n')) {
		if (!line) continue;
		const [epoch, callid, queue, agent, event, ...data] = line.split('|');
		out.push([`${local(Number(epoch) * 1000)}.000000`, callid, queue, agent, event, ...[0, 1, 2, 3, 4].map((i) => data[i] ?? '')].join(','));
	}
	return { text: out.join('\n') + '\n', events };
}

export function cdrCsv(n: number, variant: number): Dataset {
	const out: string[] = [];
	for (const c of calls(n, variant)) {
		const answer = c.answered ? `"${local(c.queued + c.waitMs)}"` : '';
		const end = local(c.queued + c.waitMs + (c.answered ? c.talkMs : 0));
		const duration = Math.round((c.waitMs + (c.answered ? c.talkMs : 0)) / 1000);
		const billsec = c.answered ? Math.round(c.talkMs / 1000) : 0;
		out.push(
			`"","37060000000","500","from-queue","""Caller"" <37060000000>","SIP/trunk-0001","${c.answered ? 'SIP/1001-0001' : ''}","Queue","${c.topic},t,,,300","${local(c.queued)}",${answer},"${end}",${duration},${billsec},"${c.answered ? 'ANSWERED' : 'NO ANSWER'}","DOCUMENTATION","${c.id}.1",""`
		);
	}
	return { text: out.join('\n') + '\n', events: out.length };
}

export function genesys(n: number, variant: number): Dataset {
	const conversations = calls(n, variant).map((c) => {
		const iso = (ms: number) => new Date(ms).toISOString();
		const end = c.queued + c.waitMs + (c.answered ? c.talkMs + c.holdMs : 0);
		const acdMetrics = [
			{ name: 'nOffered', value: 1, emitDate: iso(c.queued) },
			{ name: 'tAcd', value: c.waitMs, emitDate: iso(c.queued + c.waitMs) },
			...(c.answered ? [] : [{ name: 'tAbandon', value: c.waitMs, emitDate: iso(c.queued + c.waitMs) }])
		];
		const participants: unknown[] = [
			{ purpose: 'customer', participantId: `${c.id}-c`, sessions: [{ mediaType: 'voice', segments: [{ segmentStart: iso(c.queued), segmentEnd: iso(end), segmentType: 'interact' }] }] },
			{ purpose: 'acd', participantName: c.topic, participantId: `${c.id}-q`, sessions: [{ mediaType: 'voice', segments: [{ segmentStart: iso(c.queued), segmentEnd: iso(c.queued + c.waitMs), segmentType: 'interact', queueId: c.topic }], metrics: acdMetrics }] }
		];
		if (c.answered)
			participants.push({
				purpose: 'agent',
				userId: 'agent-1',
				participantName: 'Ona',
				participantId: `${c.id}-a`,
				sessions: [
					{
						mediaType: 'voice',
						segments: [{ segmentStart: iso(c.queued + c.waitMs), segmentEnd: iso(end), segmentType: 'interact', queueId: c.topic }],
						metrics: [
							{ name: 'tAnswered', value: c.waitMs, emitDate: iso(c.queued + c.waitMs) },
							{ name: 'tTalkComplete', value: c.talkMs, emitDate: iso(end) },
							{ name: 'tHeldComplete', value: c.holdMs, emitDate: iso(end) }
						]
					}
				]
			});
		return { conversationId: `${c.id}-0000-0000-0000-000000000000`, conversationStart: iso(c.queued), conversationEnd: iso(end), originatingDirection: 'inbound', participants };
	});
	return { text: JSON.stringify({ conversations }), events: n };
}
