import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGenesysDocument } from '../../../ingest/parsers/genesys.ts';
import type { ContactRecord, ParseContext, ParsedRecord } from '../../../ingest/types.ts';
import { testMapping } from '../../helpers/mapping.ts';

const SAMPLE_CONVERSATION_ID = '1bc96a39-6725-40c4-9345-db72aa67b8c6';
const SAMPLE_QUEUE_ID = 'a623d83c-96d7-4baa-af1f-d46ad6700d8b';
const SAMPLE_USER_ID = '50fcd33c-f432-4726-abc9-979f3ca01555';

const topics = new Map([
	['Loans', 'loans'],
	['Cards', 'cards'],
	['q-web', 'web-chat'],
	[SAMPLE_QUEUE_ID, 'web-chat']
]);
const aliases = new Map([
	['user-ona', 'ona'],
	['user-jonas', 'jonas'],
	[SAMPLE_USER_ID, 'ona']
]);
const sites = new Map([
	['ona', 'vilnius'],
	['jonas', 'kaunas']
]);
const mapping = testMapping(topics, aliases, sites);
const ctx: ParseContext = { sourceId: 'test', position: 'document', mapping, timeZone: 'Europe/Vilnius' };

/** The real samples live outside the repo, in /work/shared/samples (one level further up from a worktree in /work/wt). */
function sample(name: string): string {
	const near = new URL(`../../../../shared/samples/genesys/${name}`, import.meta.url);
	const url = existsSync(near) ? near : new URL(`../../../../../shared/samples/genesys/${name}`, import.meta.url);
	if (!existsSync(url)) {
		throw new Error(`real Genesys sample missing: ${fileURLToPath(url)} (see shared/samples/README.md)`);
	}
	return readFileSync(url, 'utf8');
}

function fixture(name: string): string {
	return readFileSync(new URL(`../../fixtures/genesys/${name}`, import.meta.url), 'utf8');
}

function contacts(records: ParsedRecord[]): ContactRecord[] {
	return records.flatMap((r) => (r.kind === 'contact' ? [r.contact] : []));
}

function onlyContact(records: ParsedRecord[]): ContactRecord {
	expect(records.map((r) => r.kind)).toEqual(['contact']);
	return (records[0] as { contact: ContactRecord }).contact;
}

function whys(records: ParsedRecord[]): string[] {
	return records.map((r) => (r.kind === 'ignored' ? r.why : r.kind === 'rejected' ? `rejected: ${r.rejected.detail}` : r.kind));
}

const at = (iso: string) => Date.parse(iso);

describe('Genesys, the real blueprint chat conversation (a bare object)', () => {
	const c = onlyContact(parseGenesysDocument(sample('conversation-chat.json'), ctx));

	it('reads talk, hold and wait exactly as the metrics say', () => {
		// Agent session: tTalk = tTalkComplete = 374561, tHeld = tHeldComplete = 544176, no tAcw;
		// acd session: tAcd 11179 (= tAnswered on the agent session).
		expect({ waitMs: c.waitMs, talkMs: c.talkMs, holdMs: c.holdMs, wrapMs: c.wrapMs }).toEqual({
			waitMs: 11179,
			talkMs: 374561,
			holdMs: 544176,
			wrapMs: 0
		});
	});

	it('adds up to the sample’s tHandle', () => {
		expect(c.talkMs + c.holdMs + c.wrapMs).toBe(918737);
	});

	it('takes the queue from the queueId when the name is not mapped, the agent from userId', () => {
		expect(c).toEqual({
			contactId: `gen:${SAMPLE_CONVERSATION_ID}`,
			channel: 'chat',
			topic: 'web-chat', // participantName "Yuri" is unmapped; the queueId is
			site: 'vilnius',
			agent: 'ona',
			queuedAt: at('2021-04-01T12:27:53.388Z'), // acd segmentStart
			answeredAt: at('2021-04-01T12:28:04.569Z'), // agent interact segmentStart
			endedAt: at('2021-04-01T12:43:23.306Z'), // last agent segmentEnd (the hold)
			outcome: 'answered',
			waitMs: 11179,
			talkMs: 374561,
			holdMs: 544176,
			wrapMs: 0
		});
	});
});

describe('Genesys conversations', () => {
	it('sums repeated metrics of an answered voice call with holds and ACW', () => {
		// Three talk segments 60 + 45 + 30 s, two holds 20 + 15 s, ACW 25 s (tHandle 195 s).
		// The first agent only rang (tAlert, tNotResponding, nError) and is not the agent.
		const c = onlyContact(parseGenesysDocument(fixture('voice-answered-hold-acw.json'), ctx));
		expect(c).toEqual({
			contactId: 'gen:0f1a0001-0000-4000-8000-000000000001',
			channel: 'voice',
			topic: 'loans',
			site: 'kaunas',
			agent: 'jonas',
			queuedAt: at('2026-03-02T07:00:20.000Z'),
			answeredAt: at('2026-03-02T07:00:50.000Z'),
			endedAt: at('2026-03-02T07:03:40.000Z'), // wrap-up excluded
			outcome: 'answered',
			waitMs: 30_000,
			talkMs: 135_000,
			holdMs: 35_000,
			wrapMs: 25_000
		});
		expect(c.talkMs + c.holdMs + c.wrapMs).toBe(195_000);
	});

	it('takes tAbandon as the wait of an abandoned call', () => {
		const c = onlyContact(parseGenesysDocument(fixture('voice-abandoned.json'), ctx));
		expect(c).toMatchObject({
			contactId: 'gen:0f1a0002-0000-4000-8000-000000000002',
			topic: 'cards',
			outcome: 'abandoned',
			waitMs: 8000,
			answeredAt: null,
			agent: '', // the agent who was alerted never answered
			site: '',
			talkMs: 0,
			endedAt: at('2026-03-02T08:00:14.000Z')
		});
	});

	it('makes one contact per queue leg of a transfer, each with its own agent', () => {
		const cs = contacts(parseGenesysDocument(fixture('transfer.json'), ctx));
		expect(cs).toEqual([
			{
				contactId: 'gen:0f1a0003-0000-4000-8000-000000000003',
				channel: 'voice',
				topic: 'loans',
				site: 'vilnius',
				agent: 'ona',
				queuedAt: at('2026-03-02T09:00:00.000Z'),
				answeredAt: at('2026-03-02T09:00:10.000Z'),
				endedAt: at('2026-03-02T09:02:10.000Z'),
				outcome: 'answered',
				waitMs: 10_000,
				talkMs: 120_000,
				holdMs: 0,
				wrapMs: 5000
			},
			{
				contactId: 'gen:0f1a0003-0000-4000-8000-000000000003:2',
				channel: 'voice',
				topic: 'cards',
				site: 'kaunas',
				agent: 'jonas',
				queuedAt: at('2026-03-02T09:02:10.000Z'),
				answeredAt: at('2026-03-02T09:02:40.000Z'),
				endedAt: at('2026-03-02T09:06:30.000Z'),
				outcome: 'answered',
				waitMs: 30_000,
				talkMs: 210_000, // no tTalkComplete: the two tTalk rows, 180 + 30 s
				holdMs: 20_000,
				wrapMs: 0
			}
		]);
	});

	it('rejects a conversation still in progress, naming what is open (never silently)', () => {
		const records = parseGenesysDocument(fixture('in-progress.json'), ctx);
		expect(whys(records)).toEqual([
			'rejected: conversation 0f1a0004-0000-4000-8000-000000000004 is not finished yet (no conversationEnd; acd interact segment has no segmentEnd); send it again once it has ended'
		]);
	});
});

describe('Genesys document shapes', () => {
	it('reads a {conversations:[…]} page with cursor and dataAvailabilityDate', () => {
		const records = parseGenesysDocument(fixture('page.json'), ctx);
		expect(whys(records)).toEqual([
			'contact',
			'contact',
			'contact',
			'media type cobrowse is not a contact channel',
			'no acd participant: the conversation never waited in a queue',
			'media type hologram is not a contact channel'
		]);
		expect(contacts(records).map((c) => [c.channel, c.topic, c.agent, c.waitMs, c.talkMs])).toEqual([
			['chat', 'web-chat', 'ona', 20_000, 279_000], // mediaType "message" is chat
			['callback', 'loans', 'jonas', 1_200_000, 600_000],
			['email', 'loans', 'ona', 3_600_000, 3_600_000]
		]);
	});

	it('repairs an unpadded day, rejects an impossible one, in an array of conversations', () => {
		const records = parseGenesysDocument(fixture('malformed-day.json'), ctx);
		expect(records.map((r) => r.kind)).toEqual(['contact', 'rejected', 'rejected']);
		// "2021-04-2T15:30:51.418Z" from the blueprint's conversation2.json, read as 2 April.
		expect((records[0] as { contact: ContactRecord }).contact.queuedAt).toBe(at('2021-04-02T15:30:51.418Z'));
		expect(whys(records).slice(1)).toEqual([
			'rejected: conversation 0f1a0021-0000-4000-8000-000000000021: segmentStart is not a valid time: "2021-04-32T15:30:51.418Z"',
			'rejected: conversation 3 has no conversationId'
		]);
		const raw = (records[1] as { rejected: { raw: string } }).rejected.raw;
		expect(JSON.parse(raw).conversationId).toBe('0f1a0021-0000-4000-8000-000000000021');
	});

	it('rejects invalid JSON once, with the parser’s message and the text', () => {
		const text = fixture('invalid.json');
		const records = parseGenesysDocument(text, ctx);
		expect(records).toHaveLength(1);
		const r = records[0] as ParsedRecord;
		if (r.kind !== 'rejected') throw new Error(`expected a rejection, got ${r.kind}`);
		expect(r.rejected).toMatchObject({ reason: 'not_json', detail: expect.stringMatching(/^invalid JSON: /) });
		expect(r.rejected.raw).toBe(text);
	});

	it.each([
		['the real queue observation response', () => sample('queue-observation-response.json'), /^queue observation response/],
		['a notification heartbeat', () => '{"topicName":"channel.metadata","eventBody":{"message":"WebSocket Heartbeat"}}', /heartbeat/],
		[
			'a queue observation notification',
			() => '{"topicName":"v2.analytics.queues.q-loans.observations","version":"2","eventBody":{"group":{"queueId":"q-loans"},"data":[]}}',
			/^queue observation notification/
		],
		['an empty page', () => '{"conversations":[],"totalHits":0}', /without conversations/],
		['an empty query response', () => '{}', /without conversations/],
		['an async job status', () => '{"state":"FULFILLED","submissionDate":"2026-03-02T10:00:00.000Z"}', /job status/]
	])('ignores %s', (_what, text, why) => {
		const records = parseGenesysDocument(text(), ctx);
		expect(records).toHaveLength(1);
		const r = records[0] as ParsedRecord;
		expect(r.kind === 'ignored' && r.why).toMatch(why);
	});

	it.each([
		['a JSON scalar', '42', /JSON object or array, not number/],
		['an object of another kind', '{"hello":"world"}', /not a Genesys conversation/],
		['conversations that are not a list', '{"conversations":{"a":1}}', /not an array/],
		['a metric that is not milliseconds', metricDocument('"soon"'), /metric tAcd has value "soon"/],
		['a time that is not ISO-8601', timeDocument('"2026-03-02 07:00:00"'), /conversationEnd is not an ISO-8601 time/]
	])('rejects %s', (_what, text, reason) => {
		const records = parseGenesysDocument(text, ctx);
		expect(records).toHaveLength(1);
		const r = records[0] as ParsedRecord;
		expect(r.kind === 'rejected' && r.rejected.detail).toMatch(reason);
	});
});

function metricDocument(value: string): string {
	return `{"conversationId":"c1","conversationStart":"2026-03-02T07:00:00Z","conversationEnd":"2026-03-02T07:01:00Z",
		"participants":[{"purpose":"acd","participantName":"Loans","sessions":[{"mediaType":"voice",
		"segments":[{"segmentStart":"2026-03-02T07:00:00Z","segmentType":"interact"}],
		"metrics":[{"name":"tAcd","value":${value}}]}]}]}`;
}

function timeDocument(end: string): string {
	return `{"conversationId":"c2","conversationStart":"2026-03-02T07:00:00+02:00","conversationEnd":${end},"participants":[]}`;
}
