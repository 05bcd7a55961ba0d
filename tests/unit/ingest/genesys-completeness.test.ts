/**
 * Issue #14 item 8 and #16 item 7: a Genesys conversation is finished when its segments and
 * metrics say so (not only when conversationEnd is set), its topic comes from the queue
 * (segment queueId → queue name → topic), and a body nested a million deep is a rejection.
 */
import { describe, it, expect } from 'vitest';
import { parseGenesysDocument } from '../../../ingest/parsers/genesys.ts';
import { nameMapping } from '../../../ingest/mapping.ts';
import type { ContactRecord, ParseContext, ParsedRecord } from '../../../ingest/types.ts';
import { testMapping } from '../../helpers/mapping.ts';

const mapping = testMapping(new Map([['Loans', 'loans'], ['Cards', 'cards']]), new Map(), new Map([['u-ona', 'vilnius']]));
const ctx: ParseContext = { sourceId: 'test', position: 'document', mapping, timeZone: 'Europe/Vilnius' };

type Seg = { segmentStart: string; segmentEnd?: string; segmentType: string; queueId?: string };
const m = (name: string, value: number) => ({ name, value, emitDate: '2026-03-02T10:05:00.000Z' });

/** The blueprint's conversation2.json shape: every segment ended, metrics emitted, no conversationEnd. */
function conversation(opts: { acdSegments?: Seg[]; acdMetrics?: unknown[]; agentSegments?: Seg[]; agentMetrics?: unknown[]; acdName?: string; end?: string }) {
	return {
		conversationId: 'c-8',
		conversationStart: '2026-03-02T10:00:00.000Z',
		...(opts.end ? { conversationEnd: opts.end } : {}),
		participants: [
			{
				purpose: 'acd',
				participantName: opts.acdName ?? 'Loans',
				sessions: [
					{
						mediaType: 'voice',
						segments: opts.acdSegments ?? [
							{ segmentStart: '2026-03-02T10:00:00.000Z', segmentEnd: '2026-03-02T10:00:20.000Z', segmentType: 'interact', queueId: 'q-loans' }
						],
						metrics: opts.acdMetrics ?? [m('nOffered', 1), m('tAcd', 20_000)]
					}
				]
			},
			{
				purpose: 'agent',
				userId: 'u-ona',
				sessions: [
					{
						mediaType: 'voice',
						segments: opts.agentSegments ?? [
							{ segmentStart: '2026-03-02T10:00:20.000Z', segmentEnd: '2026-03-02T10:03:20.000Z', segmentType: 'interact', queueId: 'q-loans' }
						],
						metrics: opts.agentMetrics ?? [m('tAnswered', 20_000), m('tTalk', 180_000), m('tTalkComplete', 180_000)]
					}
				]
			}
		]
	};
}

const END = '2026-03-02T10:03:21.000Z';
const parse = (doc: unknown, c: ParseContext = ctx) => parseGenesysDocument(JSON.stringify(doc), c);
const kinds = (rs: ParsedRecord[]) => rs.map((r) => r.kind);
/** The class, then the words with what was wrong: `not_finished: conversation … is not finished yet …`. */
const reasonOf = (r: ParsedRecord | undefined) => (r?.kind === 'rejected' ? `${r.rejected.reason}: ${r.rejected.detail}` : `not rejected: ${r?.kind}`);
const contactOf = (rs: ParsedRecord[]) => {
	expect(kinds(rs)).toEqual(['contact']);
	return (rs[0] as { contact: ContactRecord }).contact;
};

describe('a Genesys conversation without conversationEnd', () => {
	it('is a contact when every segment has ended and the metrics are emitted', () => {
		const c = contactOf(parse(conversation({})));
		expect(c).toMatchObject({
			contactId: 'gen:c-8',
			topic: 'loans',
			outcome: 'answered',
			waitMs: 20_000,
			talkMs: 180_000,
			endedAt: Date.parse('2026-03-02T10:03:20.000Z')
		});
	});

	it('is rejected as not finished yet, naming what is open, while a segment has no end', () => {
		const rs = parse(
			conversation({ agentSegments: [{ segmentStart: '2026-03-02T10:00:20.000Z', segmentType: 'interact', queueId: 'q-loans' }] })
		);
		expect(kinds(rs)).toEqual(['rejected']);
		expect(reasonOf(rs[0])).toMatch(/^not_finished: .*not finished yet.*agent interact segment has no segmentEnd/);
	});

	it('is rejected as not finished yet while the queue’s metric is not emitted', () => {
		const rs = parse(conversation({ acdMetrics: [m('nOffered', 1)] }));
		expect(reasonOf(rs[0])).toMatch(/^not_finished: .*not finished yet.*acd participant has no tAcd, tAbandon, tShortAbandon or tFlowOut/);
	});

	it('is rejected as not finished yet while the talk is not complete', () => {
		const rs = parse(conversation({ agentMetrics: [m('tAnswered', 20_000), m('tTalk', 180_000)] }));
		expect(reasonOf(rs[0])).toMatch(/^not_finished: .*not finished yet.*agent has talked but no tTalkComplete/);
	});

	it('with conversationEnd is read as before', () => {
		expect(contactOf(parse(conversation({ end: '2026-03-02T10:03:21.000Z' }))).endedAt).toBe(Date.parse('2026-03-02T10:03:20.000Z'));
	});
});

describe('the topic of a Genesys contact comes from its queue', () => {
	it('from the body’s queue names, not the acd participant’s display name', () => {
		// The blueprint's acd participant is named "Yuri": a display name, not the queue.
		const doc = { queueNames: { 'q-loans': 'Loans' }, conversations: [conversation({ acdName: 'Cards', end: END })] };
		expect(contactOf(parse(doc)).topic).toBe('loans');
	});

	it('from config genesys.queueNames, matched to topics[].queues without case or accents', () => {
		const config = {
			topics: [{ id: 'benefits', queues: ['ismokos'] }, { id: 'cards', queues: ['Cards'] }],
			sites: [],
			agentAliases: {},
			genesys: { queueNames: { 'q-loans': 'Išmokos' } }
		} as unknown as Parameters<typeof nameMapping>[0];
		const c = contactOf(parse(conversation({ acdName: 'Cards', end: END }), { ...ctx, mapping: nameMapping(config) }));
		expect(c.topic).toBe('benefits');
	});

	it('is the queue id, not a person’s name, when nothing maps the queue', () => {
		expect(contactOf(parse(conversation({ acdName: 'Yuri', end: END }))).topic).toBe('q-loans');
	});
});

describe('a Genesys body nested a million deep', () => {
	const deep = (open: string, close: string) => open.repeat(1_000_000) + close.repeat(1_000_000);
	it.each([
		['an array of arrays', deep('[', ']')],
		['a page whose conversations nest', `{"conversations":${deep('[', ']')}}`],
		['a conversation whose participants nest', `{"conversationId":"c","conversationEnd":"2026-03-02T10:00:00Z","participants":${deep('[', ']')}}`]
	])('is one rejection naming the depth, not a stack overflow: %s', (_what, body) => {
		const rs = parseGenesysDocument(body, ctx);
		expect(kinds(rs)).toEqual(['rejected']);
		expect(reasonOf(rs[0])).toMatch(/^too_deep: .*nested more than 64 levels deep/);
		expect((rs[0] as { rejected: { raw: string } }).rejected.raw.length).toBeLessThanOrEqual(4096);
	}, 30_000);
});
