/**
 * A local double of the Genesys Cloud Platform API: real HTTP and a real WebSocket on
 * 127.0.0.1 (port 0), written from the public SDK models (platform-client-sdk-javascript,
 * build/index.d.ts and build/docs/*Api.md), not from guesses. Shapes followed:
 *
 * - `POST /oauth/token` (login host), client-credentials grant with HTTP Basic id:secret:
 *   `{access_token, token_type: "bearer", expires_in}`; a wrong client gets 400
 *   `{error: "invalid_client", description}` (the OAuth error body). Tokens expire after
 *   `tokenSeconds`; an expired or unknown one gets 401 on every API call.
 * - `GET /api/v2/routing/queues?pageSize&pageNumber`: QueueEntityListing
 *   {entities: Queue[{id, name, division}], pageSize, pageNumber, total, pageCount}.
 * - `GET /api/v2/routing/queues/{id}/members?pageSize&pageNumber`: QueueMemberEntityListing
 *   {entities: QueueMember[{id, name, user: User{id, name, email, division}}], pageNumber,
 *   pageSize, nextUri while more pages follow} (no page count in this listing).
 * - `POST /api/v2/analytics/conversations/details/query`: ConversationQuery
 *   {interval, order, orderBy, paging: PagingSpec{pageSize, pageNumber}, segmentFilters} →
 *   AnalyticsConversationQueryResponse {conversations?, totalHits}; a conversation is in the
 *   interval when its conversationStart is (the double's reading of "interval"); an empty
 *   result has no `conversations` (all properties are optional).
 * - `POST /api/v2/analytics/queues/observations/query`: QueueObservationQueryResponse
 *   {results: [{group: {queueId, mediaType}, data: [ObservationMetricData{metric, stats{count}}]}]}.
 * - `POST /api/v2/notifications/channels`: Channel {id, connectUri, expires};
 *   `PUT /api/v2/notifications/channels/{id}/subscriptions` with [ChannelTopic{id}] →
 *   ChannelTopicEntityListing {entities}; at most 1,000 topics a channel.
 * - The notification socket at connectUri: envelopes `{topicName, version: "2", eventBody,
 *   metadata: {CorrelationId}}`; heartbeats `{topicName: "channel.metadata", eventBody:
 *   {message: "WebSocket Heartbeat"}}`; `v2.system.socket_closing` before the service closes it.
 *
 * Failures on demand: `throttleNext(n)` answers the next n API calls 429 with Retry-After,
 * `expireTokens()` makes every issued token expire, `dropSockets()` ends sockets abruptly.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type DoubleQueue = { id: string; name: string; divisionId?: string };
export type DoubleUser = { id: string; name: string; email: string; divisionId?: string; queueIds: string[] };
export type DetailConversation = { conversationId: string; conversationStart: string; conversationEnd?: string; participants: unknown[] };

export type GenesysCloudDouble = {
	/** For GENESYS_API_URL and GENESYS_LOGIN_URL. */
	url: string;
	clientId: string;
	clientSecret: string;
	queues: DoubleQueue[];
	/** The organisation's analytics detail records (what the details query reads). */
	conversations: DetailConversation[];
	/** Requests seen, as "METHOD path" (no query), and tokens issued. */
	requests: string[];
	tokensIssued: number;
	throttled: number;
	throttleNext(n: number, retryAfterSeconds?: number): void;
	expireTokens(): void;
	/** Subscribed topics of every channel. */
	subscriptions(): string[];
	/** Sends a notification to every socket subscribed to `topic`. */
	publish(topic: string, eventBody: unknown): number;
	heartbeat(): void;
	socketClosing(): void;
	dropSockets(): void;
	close(): Promise<void>;
};

export async function startGenesysCloudDouble(opts: { queues: DoubleQueue[]; users?: DoubleUser[]; tokenSeconds?: number; pageSize?: number; observations?: unknown[] }): Promise<GenesysCloudDouble> {
	const clientId = 'double-client-id';
	const clientSecret = 'double-client-secret-0123456789';
	const tokens = new Map<string, number>();
	const channels = new Map<string, { topics: Set<string>; sockets: Set<WebSocket> }>();
	let throttle = 0;
	let retryAfter = 1;
	const d: GenesysCloudDouble = {
		url: '',
		clientId,
		clientSecret,
		queues: opts.queues,
		conversations: [],
		requests: [],
		tokensIssued: 0,
		throttled: 0,
		throttleNext(n, seconds = 1) {
			throttle = n;
			retryAfter = seconds;
		},
		expireTokens() {
			for (const k of tokens.keys()) tokens.set(k, 0);
		},
		subscriptions: () => [...channels.values()].flatMap((c) => [...c.topics]),
		publish(topic, eventBody) {
			let sent = 0;
			for (const c of channels.values())
				if (c.topics.has(topic))
					for (const s of c.sockets) {
						s.send(JSON.stringify({ topicName: topic, version: '2', eventBody, metadata: { CorrelationId: randomUUID() } }));
						sent++;
					}
			return sent;
		},
		heartbeat() {
			for (const c of channels.values()) for (const s of c.sockets) s.send(JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } }));
		},
		socketClosing() {
			for (const c of channels.values()) for (const s of c.sockets) s.send(JSON.stringify({ topicName: 'v2.system.socket_closing', eventBody: { message: 'Socket closing' } }));
		},
		dropSockets() {
			for (const c of channels.values()) for (const s of c.sockets) s.terminate();
		},
		close: async () => {
			for (const c of channels.values()) for (const s of c.sockets) s.terminate();
			wss.close();
			server.closeAllConnections();
			await new Promise<void>((r) => server.close(() => r()));
		}
	};

	const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(JSON.stringify(body));
	};
	const read = (req: IncomingMessage) =>
		new Promise<string>((resolve) => {
			let s = '';
			req.on('data', (c) => (s += c));
			req.on('end', () => resolve(s));
		});

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://double');
		d.requests.push(`${req.method} ${url.pathname}`);
		if (req.method === 'POST' && url.pathname === '/oauth/token') {
			const body = new URLSearchParams(await read(req));
			const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
			if (body.get('grant_type') !== 'client_credentials') return json(res, 400, { error: 'unsupported_grant_type', description: 'grant type is not supported' });
			if (basic !== `${clientId}:${clientSecret}`) return json(res, 400, { error: 'invalid_client', description: 'client not found or secret wrong' });
			const token = randomUUID();
			const seconds = opts.tokenSeconds ?? 86_400;
			tokens.set(token, Date.now() + seconds * 1000);
			d.tokensIssued++;
			return json(res, 200, { access_token: token, token_type: 'bearer', expires_in: seconds });
		}
		const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
		if ((tokens.get(token) ?? 0) <= Date.now()) return json(res, 401, { status: 401, code: 'bad.credentials', message: 'Invalid login credentials.' });
		if (throttle > 0) {
			throttle--;
			d.throttled++;
			return json(res, 429, { status: 429, code: 'too.many.requests', message: 'Rate limit exceeded' }, { 'retry-after': String(retryAfter) });
		}
		if (req.method === 'GET' && url.pathname === '/api/v2/routing/queues') {
			const pageSize = Math.min(Number(url.searchParams.get('pageSize') ?? 25), opts.pageSize ?? 100);
			const pageNumber = Number(url.searchParams.get('pageNumber') ?? 1);
			const total = d.queues.length;
			const entities = d.queues.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((q) => ({ id: q.id, name: q.name, division: { id: q.divisionId ?? 'div-home' } }));
			return json(res, 200, { entities, pageSize, pageNumber, total, pageCount: Math.ceil(total / pageSize) });
		}
		const members = /^\/api\/v2\/routing\/queues\/([^/]+)\/members$/.exec(url.pathname);
		if (req.method === 'GET' && members) {
			const pageSize = Math.min(Number(url.searchParams.get('pageSize') ?? 25), opts.pageSize ?? 100);
			const pageNumber = Number(url.searchParams.get('pageNumber') ?? 1);
			const all = (opts.users ?? []).filter((u) => u.queueIds.includes(decodeURIComponent(members[1]!)));
			const entities = all
				.slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
				.map((u) => ({ id: u.id, name: u.name, user: { id: u.id, name: u.name, email: u.email, division: { id: u.divisionId ?? 'div-home' } }, joined: true }));
			const more = pageNumber * pageSize < all.length;
			return json(res, 200, { entities, pageNumber, pageSize, ...(more ? { nextUri: `${url.pathname}?pageSize=${pageSize}&pageNumber=${pageNumber + 1}` } : {}) });
		}
		if (req.method === 'POST' && url.pathname === '/api/v2/analytics/conversations/details/query') {
			const q = JSON.parse(await read(req)) as { interval: string; paging?: { pageSize?: number; pageNumber?: number }; segmentFilters?: { predicates?: { dimension: string; value: string }[] }[] };
			const [from, to] = q.interval.split('/').map((s) => Date.parse(s)) as [number, number];
			if (!(to > from) || to - from > 7 * 86_400_000) return json(res, 400, { status: 400, code: 'bad.request', message: 'interval must be at most 7 days' });
			const queueIds = new Set((q.segmentFilters ?? []).flatMap((f) => (f.predicates ?? []).filter((p) => p.dimension === 'queueId').map((p) => p.value)));
			const matching = d.conversations
				.filter((c) => {
					const start = Date.parse(c.conversationStart);
					return start >= from && start < to && (queueIds.size === 0 || JSON.stringify(c.participants).match(/"queueId":"([^"]+)"/g)?.some((m) => queueIds.has(m.slice(11, -1))));
				})
				.sort((a, b) => Date.parse(a.conversationStart) - Date.parse(b.conversationStart));
			const pageSize = Math.min(q.paging?.pageSize ?? 25, opts.pageSize ?? 100);
			const page = matching.slice(((q.paging?.pageNumber ?? 1) - 1) * pageSize, (q.paging?.pageNumber ?? 1) * pageSize);
			return json(res, 200, page.length ? { conversations: page, totalHits: matching.length } : { totalHits: matching.length });
		}
		if (req.method === 'POST' && url.pathname === '/api/v2/analytics/queues/observations/query') {
			return json(res, 200, { results: opts.observations ?? [] });
		}
		if (req.method === 'POST' && url.pathname === '/api/v2/notifications/channels') {
			const id = randomUUID();
			channels.set(id, { topics: new Set(), sockets: new Set() });
			return json(res, 200, { id, connectUri: `${d.url.replace(/^http/, 'ws')}/channels/${id}`, expires: new Date(Date.now() + 86_400_000).toISOString() });
		}
		const sub = /^\/api\/v2\/notifications\/channels\/([^/]+)\/subscriptions$/.exec(url.pathname);
		if (sub && (req.method === 'PUT' || req.method === 'POST')) {
			const channel = channels.get(sub[1]!);
			if (!channel) return json(res, 404, { status: 404, code: 'not.found', message: 'channel not found' });
			const topics = JSON.parse(await read(req)) as { id: string }[];
			if (req.method === 'PUT') channel.topics.clear();
			for (const t of topics) channel.topics.add(t.id);
			if (channel.topics.size > 1000) return json(res, 400, { status: 400, code: 'bad.request', message: 'at most 1000 topics a channel' });
			return json(res, 200, { entities: [...channel.topics].map((id) => ({ id, state: 'Permitted' })) });
		}
		return json(res, 404, { status: 404, code: 'not.found', message: `no route ${req.method} ${url.pathname}` });
	}

	const server: Server = createServer((req, res) => void handle(req, res).catch((e: Error) => json(res, 500, { message: e.message })));
	const wss = new WebSocketServer({ noServer: true });
	server.on('upgrade', (req, socket, head) => {
		const id = /^\/channels\/([^/?]+)/.exec(req.url ?? '')?.[1];
		const channel = id ? channels.get(id) : undefined;
		if (!channel) return socket.destroy();
		wss.handleUpgrade(req, socket, head, (ws) => {
			channel.sockets.add(ws);
			ws.on('close', () => channel.sockets.delete(ws));
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	d.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return d;
}

/** One scripted call: waits, talk, hold and after-call work in milliseconds (0 talk = abandoned). */
export type ScriptedCall = { id: string; queueId: string; userId: string; start: number; waitMs: number; talkMs: number; holdMs: number; acwMs: number; finished: boolean };

const iso = (ms: number) => new Date(ms).toISOString();
const metric = (name: string, value: number, at: number) => ({ name, value, emitDate: iso(at) });

/**
 * An AnalyticsConversation (AnalyticsParticipant, AnalyticsSession, AnalyticsConversationSegment,
 * AnalyticsSessionMetric in the SDK) for one scripted call: customer, acd (participantName is
 * not the queue's name, as in the blueprint), and the agent when answered. An unfinished call
 * has no conversationEnd and its agent's segment is still open.
 */
export function detailRecord(c: ScriptedCall): DetailConversation {
	const answered = c.talkMs > 0;
	const queuedEnd = c.start + c.waitMs;
	const talkEnd = queuedEnd + c.talkMs + c.holdMs;
	const end = answered ? talkEnd : queuedEnd;
	const participants: unknown[] = [
		{
			participantId: `${c.id}-customer`,
			purpose: 'customer',
			sessions: [{ mediaType: 'voice', direction: 'inbound', segments: [{ segmentStart: iso(c.start), ...(c.finished ? { segmentEnd: iso(end) } : {}), segmentType: 'interact', queueId: c.queueId }], metrics: [metric('nConnected', 1, c.start)] }]
		},
		{
			participantId: `${c.id}-acd`,
			participantName: 'Yuri',
			purpose: 'acd',
			sessions: [
				{
					mediaType: 'voice',
					direction: 'inbound',
					segments: [{ segmentStart: iso(c.start), segmentEnd: iso(queuedEnd), segmentType: 'interact', queueId: c.queueId, disconnectType: answered ? 'transfer' : 'peer' }],
					metrics: [metric('nOffered', 1, c.start), answered ? metric('tAcd', c.waitMs, queuedEnd) : metric('tAbandon', c.waitMs, queuedEnd)]
				}
			]
		}
	];
	if (answered) {
		const segments = [
			{ segmentStart: iso(queuedEnd), ...(c.finished ? { segmentEnd: iso(queuedEnd + c.talkMs) } : {}), segmentType: 'interact', queueId: c.queueId },
			...(c.finished && c.holdMs > 0 ? [{ segmentStart: iso(queuedEnd + c.talkMs), segmentEnd: iso(talkEnd), segmentType: 'hold', queueId: c.queueId }] : []),
			...(c.finished && c.acwMs > 0 ? [{ segmentStart: iso(talkEnd), segmentEnd: iso(talkEnd + c.acwMs), segmentType: 'wrapup', queueId: c.queueId, wrapUpCode: 'ok' }] : [])
		];
		const metrics = [metric('tAnswered', c.waitMs, queuedEnd), metric('tTalk', c.talkMs, queuedEnd + c.talkMs)];
		if (c.finished) {
			metrics.push(metric('tTalkComplete', c.talkMs, queuedEnd + c.talkMs));
			if (c.holdMs > 0) metrics.push(metric('tHeld', c.holdMs, talkEnd), metric('tHeldComplete', c.holdMs, talkEnd));
			if (c.acwMs > 0) metrics.push(metric('tAcw', c.acwMs, talkEnd + c.acwMs));
		}
		participants.push({ participantId: `${c.id}-agent`, participantName: c.userId, purpose: 'agent', userId: c.userId, sessions: [{ mediaType: 'voice', direction: 'inbound', segments, metrics }] });
	}
	return {
		conversationId: c.id,
		conversationStart: iso(c.start),
		...(c.finished ? { conversationEnd: iso(end + (answered ? c.acwMs : 0)) } : {}),
		participants
	};
}

/**
 * The `v2.routing.queues.{id}.conversations` body (QueueConversationEventTopicConversation) of a
 * scripted call at `at`: the acd participant connected at the call's start and ended when it
 * left the queue, the agent connected when answered, the customer ended when he hung up.
 */
export function conversationNotification(c: ScriptedCall, at: number): unknown {
	const queuedEnd = c.start + c.waitMs;
	const answered = c.talkMs > 0;
	const end = answered ? queuedEnd + c.talkMs + c.holdMs : queuedEnd;
	const t = (ms: number) => (ms <= at ? { endTime: iso(ms) } : {});
	const call = (state: string) => [{ id: `${c.id}-call`, state, direction: 'inbound' }];
	const participants: unknown[] = [
		{ id: `${c.id}-customer`, purpose: 'customer', connectedTime: iso(c.start), ...t(end), calls: call(end <= at ? 'disconnected' : 'connected') },
		{ id: `${c.id}-acd`, purpose: 'acd', name: 'Yuri', queueId: c.queueId, connectedTime: iso(c.start), ...t(queuedEnd), calls: call(queuedEnd <= at ? 'disconnected' : 'connected') }
	];
	if (answered && queuedEnd <= at)
		participants.push({ id: `${c.id}-agent`, purpose: 'agent', userId: c.userId, queueId: c.queueId, connectedTime: iso(queuedEnd), ...t(end), calls: call(end <= at ? 'disconnected' : 'connected') });
	return { id: c.id, participants };
}
