/**
 * Notifications → canonical events, for the live boards only (callers waiting, consultants'
 * states). Contacts, and so every figure of the day, come from the detail records alone (the
 * truth path): a conversation seen both ways is one contact, and the details' waits, talk, hold
 * and after-call work are the ones counted. The live events carry the details' call ids
 * (`gen:<conversationId>`, `:2`… for later queue legs), and every finished conversation the
 * details read also writes its exit event, so a caller whose exit notification was lost
 * (socket dropped) stops "waiting" at the next reconciliation.
 *
 * Shapes (platform-client-sdk-javascript build/index.d.ts):
 * - `v2.routing.queues.{id}.conversations`: QueueConversationEventTopicConversation
 *   {id, participants: QueueConversationEventTopicParticipant[{id, purpose, queueId, userId,
 *   connectedTime, endTime, calls/chats/…}]}.
 * - `v2.users.{id}.activity`: AgentActivityChangedTopicAgentActivity {id, routingStatus
 *   {status, startTime}, presence {presenceDefinition {id, systemPresence}, modifiedDate},
 *   activeQueueIds}.
 */
import { stableId } from '../../parsers/stableId.ts';
import { newCallEvent, type AgentEvent, type AgentState, type CallEvent, type Channel, type ContactRecord, type NameMapping } from '../../types.ts';

type Json = { [key: string]: unknown };
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const time = (v: unknown): number | null => {
	const t = typeof v === 'string' ? Date.parse(v) : NaN;
	return Number.isFinite(t) ? t : null;
};

const MEDIA: [string, Channel][] = [
	['calls', 'voice'],
	['callbacks', 'callback'],
	['chats', 'chat'],
	['messages', 'chat'],
	['emails', 'email']
];

/** The channel of a participant: the first media list it has (calls, callbacks, chats, …). */
function channelOf(p: Json): Channel | null {
	for (const [key, channel] of MEDIA) if (Array.isArray(p[key]) && (p[key] as unknown[]).length > 0) return channel;
	return null;
}

/**
 * The queue events a conversation notification says: per acd participant (a queue leg),
 * `queued` at its connectedTime, and once it has an endTime, `answered` (an agent of that
 * queue connected) or `abandoned` (the customer had gone) or `left` (sent on). Event ids are
 * stable, so the repeated notifications of one conversation add nothing.
 */
export function conversationEvents(body: unknown, mapping: NameMapping, queueNames: ReadonlyMap<string, string>): CallEvent[] {
	const c = obj(body);
	const id = str(c?.id);
	if (c === null || id === '' || !Array.isArray(c.participants)) return [];
	const participants = c.participants.map(obj).filter((p): p is Json => p !== null);
	const legs = participants
		.filter((p) => p.purpose === 'acd' && time(p.connectedTime) !== null)
		.sort((a, b) => (time(a.connectedTime) as number) - (time(b.connectedTime) as number));
	const customer = participants.find((p) => p.purpose === 'customer' || p.purpose === 'external');
	const customerGone = customer !== undefined && time(customer.endTime) !== null;
	const out: CallEvent[] = [];
	legs.forEach((leg, i) => {
		const callId = i === 0 ? `gen:${id}` : `gen:${id}:${i + 1}`;
		const queued = time(leg.connectedTime) as number;
		const queueId = str(leg.queueId);
		const topic = mapping.topicOfQueue(queueNames.get(queueId) ?? queueId);
		const channel = channelOf(leg) ?? (customer ? channelOf(customer) : null) ?? 'voice';
		const base = (type: CallEvent['type'], ts: number) => {
			const e = newCallEvent(type, ts, callId);
			e.eventId = stableId('genesys-live', callId, type);
			e.channel = channel;
			e.topic = topic;
			return e;
		};
		out.push(base('queued', queued));
		const left = time(leg.endTime);
		const agent = participants.find(
			(p) => p.purpose === 'agent' && str(p.queueId) === queueId && (time(p.connectedTime) ?? -1) >= queued && (left === null || (time(p.connectedTime) as number) <= left + 1000)
		);
		const answeredAt = agent ? time(agent.connectedTime) : null;
		if (agent && answeredAt !== null) {
			const e = base('answered', answeredAt);
			e.waitMs = Math.max(0, answeredAt - queued);
			const who = str(agent.userId);
			if (who !== '') {
				e.agent = mapping.canonicalAgent(who);
				e.site = mapping.siteOfAgent(e.agent);
			}
			out.push(e);
		} else if (left !== null) {
			const e = base(customerGone && (time(customer!.endTime) as number) <= left + 1000 ? 'abandoned' : 'left', left);
			e.waitMs = Math.max(0, left - queued);
			out.push(e);
		}
	});
	return out;
}

/** A detail record's participant, folded over its sessions and segments (times epoch ms). */
type DetailPart = { purpose: string; userId: string; queueId: string; media: string; start: number | null; interactStart: number | null; end: number | null; open: boolean };

const DETAIL_MEDIA: Record<string, Channel> = { voice: 'voice', chat: 'chat', message: 'chat', callback: 'callback', email: 'email' };

function detailPart(p: Json): DetailPart {
	const d: DetailPart = { purpose: str(p.purpose), userId: str(p.userId), queueId: '', media: '', start: null, interactStart: null, end: null, open: false };
	for (const session of Array.isArray(p.sessions) ? p.sessions.map(obj) : []) {
		if (!session) continue;
		d.media ||= str(session.mediaType);
		for (const segment of Array.isArray(session.segments) ? session.segments.map(obj) : []) {
			if (!segment) continue;
			d.queueId ||= str(segment.queueId);
			const start = time(segment.segmentStart);
			if (start !== null) {
				if (d.start === null || start < d.start) d.start = start;
				if (segment.segmentType === 'interact' && (d.interactStart === null || start < d.interactStart)) d.interactStart = start;
			}
			if (segment.segmentType === 'wrapup') continue;
			const end = time(segment.segmentEnd);
			if (end === null) d.open = true;
			else if (d.end === null || end > d.end) d.end = end;
		}
	}
	return d;
}

/**
 * The queue exits of a conversation the details query lists as still in progress (no
 * conversationEnd), read when no notification said them: at start-up (callers already talking
 * to a consultant) and after a gap. Per acd participant (a queue leg, by its first segment):
 * `answered` at the first interact segment of the agent routed from that queue after it, with
 * the agent and the wait; `left` for a leg that ended unanswered before a later one. No `queued`:
 * the callers still waiting come from the queue observations, and a queue entry at a time a hair
 * off the notification's would count as a second entry (live/queue_now counts entries by time),
 * leaving an answered caller "waiting". The ids are conversationEvents', so a notification of
 * the same conversation adds nothing, and it is never a contact: the details give that once the
 * conversation has ended (AnalyticsConversation, AnalyticsParticipant
 * {purpose, userId, sessions[{mediaType, segments[{segmentStart, segmentEnd, segmentType, queueId}]}]}).
 */
export function openConversationEvents(body: unknown, mapping: NameMapping, queueNames: ReadonlyMap<string, string>): CallEvent[] {
	const c = obj(body);
	const id = str(c?.conversationId);
	if (c === null || id === '' || c.conversationEnd !== undefined || !Array.isArray(c.participants)) return [];
	const parts = c.participants.map(obj).filter((p): p is Json => p !== null).map(detailPart);
	const legs = parts.filter((p) => p.purpose === 'acd' && p.start !== null).sort((a, b) => (a.start as number) - (b.start as number));
	const customer = parts.find((p) => p.purpose === 'customer' || p.purpose === 'external');
	const out: CallEvent[] = [];
	legs.forEach((leg, i) => {
		const callId = i === 0 ? `gen:${id}` : `gen:${id}:${i + 1}`;
		const queued = leg.start as number;
		const channel = DETAIL_MEDIA[leg.media || customer?.media || ''] ?? 'voice';
		const base = (type: CallEvent['type'], ts: number) => {
			const e = newCallEvent(type, ts, callId);
			e.eventId = stableId('genesys-live', callId, type);
			e.channel = channel;
			e.topic = mapping.topicOfQueue(queueNames.get(leg.queueId) ?? leg.queueId);
			return e;
		};
		const left = leg.open ? null : leg.end;
		const agent = parts.find(
			(p) => p.purpose === 'agent' && p.queueId === leg.queueId && p.interactStart !== null && p.interactStart >= queued - 1000 && (left === null || p.interactStart <= left + 1000)
		);
		if (agent) {
			const e = base('answered', agent.interactStart as number);
			e.waitMs = Math.max(0, (agent.interactStart as number) - queued);
			if (agent.userId !== '') {
				e.agent = mapping.canonicalAgent(agent.userId);
				e.site = mapping.siteOfAgent(e.agent);
			}
			out.push(e);
		} else if (left !== null && i < legs.length - 1) {
			const e = base('left', left);
			e.waitMs = Math.max(0, left - queued);
			out.push(e);
		}
	});
	return out;
}

/** The exit event a finished contact from the details gives its call (see the module comment). */
export function exitOfContact(c: ContactRecord): CallEvent {
	const type = c.outcome === 'answered' ? 'answered' : c.outcome === 'abandoned' ? 'abandoned' : 'left';
	const e = newCallEvent(type, c.answeredAt ?? c.endedAt, c.contactId);
	e.eventId = stableId('genesys-details-exit', c.contactId);
	e.channel = c.channel;
	e.topic = c.topic;
	e.waitMs = c.waitMs;
	if (c.agent !== '') {
		e.agent = c.agent;
		e.site = c.site;
	}
	return e;
}

/**
 * A consultant's state from a `v2.users.{id}.activity` notification: routing status first
 * (IDLE available, INTERACTING/COMMUNICATING on a call, NOT_RESPONDING not ready), else the
 * presence (Offline logged out, Break/Meal/Busy/Away/Training/Meeting not ready with the
 * presence as reason, Available/On Queue logged in). Null when it says neither.
 */
export function activityEvent(userId: string, body: unknown, agent: string, site: string, topics: string[]): AgentEvent | null {
	const a = obj(body);
	if (a === null) return null;
	const routing = obj(a.routingStatus);
	const presence = obj(a.presence);
	const system = str(obj(presence?.presenceDefinition)?.systemPresence);
	const status = str(routing?.status).toUpperCase();
	let state: AgentState | null = null;
	let reason: string | undefined;
	if (system.toLowerCase() === 'offline') state = 'logged_out';
	else if (status === 'IDLE') state = 'available';
	else if (status === 'INTERACTING' || status === 'COMMUNICATING') state = 'on_call';
	else if (status === 'NOT_RESPONDING') [state, reason] = ['not_ready', 'not responding'];
	else if (['break', 'meal', 'busy', 'away', 'training', 'meeting'].includes(system.toLowerCase())) [state, reason] = ['not_ready', system.toLowerCase()];
	else if (system !== '') state = 'logged_in';
	if (state === null) return null;
	const ts = Math.max(time(routing?.startTime) ?? 0, time(presence?.modifiedDate) ?? 0) || Date.now();
	return {
		eventId: stableId('genesys-activity', userId, ts, state, reason ?? ''),
		ts,
		agent,
		site,
		state,
		...(reason ? { reason } : {}),
		topics
	};
}
