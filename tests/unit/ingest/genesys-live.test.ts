/** Issue #15: Genesys notifications → the live events the wallboards read (ingest/sources/genesys/live.ts). */
import { describe, it, expect } from 'vitest';
import { activityEvent, conversationEvents, exitOfContact } from '../../../ingest/sources/genesys/live.ts';
import { testMapping } from '../../helpers/mapping.ts';

const mapping = testMapping(new Map([['Pensijos', 'pensions']]), new Map(), new Map([['u-1', 'siauliai']]));
const names = new Map([['q-pen', 'Pensijos']]);
const t = (s: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, s)).toISOString();

function conversation(parts: Record<string, unknown>[]) {
	return { id: 'c-1', participants: parts };
}
const customer = (end?: number) => ({ id: 'p-c', purpose: 'customer', connectedTime: t(0), ...(end === undefined ? {} : { endTime: t(end) }), calls: [{ state: 'connected' }] });
const acd = (end?: number) => ({ id: 'p-a', purpose: 'acd', name: 'Yuri', queueId: 'q-pen', connectedTime: t(5), ...(end === undefined ? {} : { endTime: t(end) }), calls: [{ state: 'connected' }] });
const agent = { id: 'p-g', purpose: 'agent', userId: 'u-1', queueId: 'q-pen', connectedTime: t(35), calls: [{ state: 'connected' }] };

describe('a queue conversation notification', () => {
	it('puts the caller in the queue of its queueId (not the acd display name), with the details’ call id', () => {
		const [e, ...rest] = conversationEvents(conversation([customer(), acd()]), mapping, names);
		expect(rest).toEqual([]);
		expect(e).toMatchObject({ type: 'queued', callId: 'gen:c-1', topic: 'pensions', channel: 'voice', ts: Date.parse(t(5)) });
	});

	it('answers him when an agent of that queue connects, with the wait and the agent’s site', () => {
		const events = conversationEvents(conversation([customer(), acd(35), agent]), mapping, names);
		expect(events.map((e) => [e.type, e.waitMs, e.agent, e.site])).toEqual([
			['queued', undefined, undefined, undefined],
			['answered', 30_000, 'u-1', 'siauliai']
		]);
	});

	it('has him abandon when he hung up in the queue, and leave when sent on', () => {
		expect(conversationEvents(conversation([customer(20), acd(20)]), mapping, names).map((e) => [e.type, e.waitMs])).toEqual([
			['queued', undefined],
			['abandoned', 15_000]
		]);
		expect(conversationEvents(conversation([customer(), acd(20)]), mapping, names).map((e) => e.type)).toEqual(['queued', 'left']);
	});

	it('gives the same event ids when repeated (notifications come at least once)', () => {
		const a = conversationEvents(conversation([customer(), acd(35), agent]), mapping, names).map((e) => e.eventId);
		const b = conversationEvents(conversation([customer(), acd(35), agent]), mapping, names).map((e) => e.eventId);
		expect(a).toEqual(b);
		expect(new Set(a).size).toBe(2);
	});

	it('ignores what is not a conversation', () => {
		expect(conversationEvents(null, mapping, names)).toEqual([]);
		expect(conversationEvents({ id: 'x' }, mapping, names)).toEqual([]);
	});
});

describe('a user activity notification', () => {
	const body = (status: string, presence: string) => ({ id: 'u-1', routingStatus: { status, startTime: t(1) }, presence: { presenceDefinition: { id: 'p', systemPresence: presence }, modifiedDate: t(0) } });
	it.each([
		['IDLE', 'On Queue', 'available', undefined],
		['INTERACTING', 'On Queue', 'on_call', undefined],
		['NOT_RESPONDING', 'On Queue', 'not_ready', 'not responding'],
		['OFF_QUEUE', 'Break', 'not_ready', 'break'],
		['OFF_QUEUE', 'Meal', 'not_ready', 'meal'],
		['OFF_QUEUE', 'Offline', 'logged_out', undefined],
		['OFF_QUEUE', 'Available', 'logged_in', undefined]
	])('%s / %s is %s', (status, presence, state, reason) => {
		const e = activityEvent('u-1', body(status, presence), 'u-1', 'siauliai', ['pensions']);
		expect(e).toMatchObject({ agent: 'u-1', site: 'siauliai', state, topics: ['pensions'], ts: Date.parse(t(1)) });
		expect(e?.reason).toBe(reason);
	});
});

describe('the exit a finished contact gives its call', () => {
	it('is the outcome at the answer (or the end), under a stable id', () => {
		const c = { contactId: 'gen:c-1', channel: 'voice' as const, topic: 'pensions', site: 'siauliai', agent: 'u-1', queuedAt: 0, answeredAt: 30_000, endedAt: 90_000, outcome: 'answered' as const, waitMs: 30_000, talkMs: 60_000, holdMs: 0, wrapMs: 0 };
		expect(exitOfContact(c)).toMatchObject({ type: 'answered', callId: 'gen:c-1', ts: 30_000, waitMs: 30_000 });
		expect(exitOfContact({ ...c, outcome: 'abandoned', answeredAt: null, agent: '' })).toMatchObject({ type: 'abandoned', ts: 90_000 });
		expect(exitOfContact(c).eventId).toBe(exitOfContact(c).eventId);
	});
});
