/**
 * The Genesys Cloud connector (issue #15): follows an organisation's queues and stores their
 * finished conversations through the same pipeline, spool and exactly-once rules as every
 * other source.
 *
 * Truth path: every `reconcileMs` it reads finished conversations with
 * `POST /api/v2/analytics/conversations/details/query` (ConversationQuery → an
 * AnalyticsConversationQueryResponse {conversations, totalHits}, paged by
 * paging.pageNumber) over a sliding interval that starts `overlapMs` before its checkpoint,
 * and hands each page to the Genesys detail-record parser. The checkpoint never passes the
 * start of a conversation still in progress, so that one is read again until it has ended;
 * re-read conversations are duplicates (recent ids, then the stored-contacts check), so two
 * connectors, a replayed interval or a restart after kill -9 count each contact once. After
 * a gap (the process was down, the API unreachable) the next pass reads the whole gap, hour by
 * hour (see reconcile).
 *
 * Live path: the Notifications API (notifications.ts) for the followed queues' conversations
 * and their members' activity, turned into call and consultant events (live.ts) for the live
 * boards; on start, callers already waiting come from the queue observations query. A socket
 * that drops or falls silent starts a details pass at once.
 */
import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../../../src/lib/server/config/schema.ts';
import type { IngestWriter } from '../../ingestWriter.ts';
import { SourcePipeline } from '../../pipeline.ts';
import { nameMapping } from '../../mapping.ts';
import { parseGenesysDocument } from '../../parsers/genesys.ts';
import { stableId } from '../../parsers/stableId.ts';
import { newCallEvent, type CallEvent, type NameMapping, type ParseContext } from '../../types.ts';
import { GenesysApi, GenesysSetupError, genesysEndpoints } from './api.ts';
import { followedQueues, listQueues, type GenesysQueue } from './queues.ts';
import { listMembers, siteOfMember, type GenesysMember } from './members.ts';
import { activityEvent, conversationEvents, exitOfContact, openConversationEvents } from './live.ts';
import { LiveWriter } from './liveWriter.ts';
import { NotificationSession } from './notifications.ts';
import { genesysMetrics } from './metrics.ts';

export type GenesysConnectorOptions = {
	db: ClickHouseClient;
	writer: IngestWriter;
	config: Config;
	/** GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET, GENESYS_REGION, GENESYS_API_URL, GENESYS_LOGIN_URL. */
	env: Record<string, string | undefined>;
	signal: AbortSignal;
	log?: (line: string) => void;
	/** A socket silent this long is dead (Genesys sends a heartbeat every 30 s). */
	silenceMs?: number;
};

export type GenesysStatus = {
	state: 'starting' | 'connected' | 'retrying' | 'stopped';
	/** Epoch ms of the last successful connection (token and queues read). */
	connectedSince: number | null;
	/** Epoch ms the connector last heard from Genesys. */
	lastEventAt: number | null;
	/** Epoch ms the last details pass finished, and the interval's end it reached. */
	lastReconcileAt: number | null;
	checkpoint: string | null;
	lastError: string | null;
	queues: string[];
	/** Conversations in the followed queues still in progress at the last pass. */
	waiting: number;
};

/** Details passes go by clock hours of conversationStart (the query's own limit is 7 days). */
const HOUR_MS = 3_600_000;
const PAGE_SIZE = 100;

/**
 * :TRICKY: server code is loaded twice in one process (our entry and the SvelteKit bundle), so
 * the running connector is found through a global, not a module variable.
 */
const CURRENT = Symbol.for('callboard.genesys.connector');
type Holder = { [CURRENT]?: GenesysConnector };

/** The running connector's state, for the admin page (null when none runs in this process). */
export function genesysStatus(): GenesysStatus | null {
	const c = (globalThis as Holder)[CURRENT];
	return c ? { ...c.status, queues: [...c.status.queues] } : null;
}

export class GenesysConnector {
	readonly status: GenesysStatus = {
		state: 'starting',
		connectedSince: null,
		lastEventAt: null,
		lastReconcileAt: null,
		checkpoint: null,
		lastError: null,
		queues: [],
		waiting: 0
	};
	readonly #o: GenesysConnectorOptions;
	readonly #log: (line: string) => void;
	readonly #api: GenesysApi;
	#pipeline: SourcePipeline | null = null;
	#followed: GenesysQueue[] = [];
	#names: Record<string, string> = {};
	#mapping: NameMapping | null = null;
	#ctx: ParseContext | null = null;
	#members = new Map<string, { agent: string; site: string; topics: string[] }>();
	#session: NotificationSession | null = null;
	#live: LiveWriter;
	/** Wakes the wait between details passes (a gap in the live stream). */
	#wake: (() => void) | null = null;
	#gapPending = false;
	/**
	 * The next pass also turns the conversations still in progress into live events: after a
	 * (re)connection, when no notification has told what happened before it.
	 */
	#readOpen = true;
	/** Finished conversations (id|end) the parser rejected: their rejection is kept once. */
	readonly #rejectedOnce = new Set<string>();

	constructor(o: GenesysConnectorOptions) {
		this.#o = o;
		this.#log = o.log ?? console.log;
		const clientId = o.env.GENESYS_CLIENT_ID?.trim() ?? '';
		const clientSecret = o.env.GENESYS_CLIENT_SECRET ?? '';
		this.#api = new GenesysApi({
			...genesysEndpoints(o.env),
			clientId,
			clientSecret,
			signal: o.signal,
			onEvent: (what) => {
				if (what === 'retry429') genesysMetrics.throttled.inc();
				if (what === 'token') genesysMetrics.tokens.inc();
			}
		});
		(globalThis as Holder)[CURRENT] = this;
		this.#live = new LiveWriter(o.writer, { label: 'genesys', sourceId: 'genesys:live', flushMs: Math.min(250, o.config.ingest.flushMs), log: this.#log });
	}

	/** Runs until the signal aborts, or a setup problem (credentials, region, permission) stops it. */
	async run(): Promise<void> {
		const { signal } = this.#o;
		const g = this.#o.config.genesys;
		let failures = 0;
		try {
			if (!this.#o.env.GENESYS_CLIENT_ID?.trim() || !this.#o.env.GENESYS_CLIENT_SECRET)
				throw new GenesysSetupError('GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET must be set (a client-credentials OAuth client: see the README, "Genesys Cloud")');
			while (!signal.aborted) {
				try {
					if (!this.#pipeline) await this.#connect();
					await this.reconcile();
					failures = 0;
				} catch (e) {
					if (e instanceof GenesysSetupError || signal.aborted) throw e;
					failures++;
					this.#setState('retrying', (e as Error).message);
					genesysMetrics.reconnects.inc();
					this.#log(`genesys: ${(e as Error).message}; trying again`);
					await sleep(Math.random() * Math.min(60_000, 1000 * 2 ** failures), signal);
					continue;
				}
				// A gap reported during the pass is read at once, not after the wait.
				if (!this.#gapPending)
					await new Promise<void>((resolve) => {
						this.#wake = resolve;
						void sleep(g.reconcileSeconds * 1000, signal).then(resolve);
					});
				this.#wake = null;
				this.#gapPending = false;
				if (this.status.lastEventAt !== null) genesysMetrics.lastEventAge.set((Date.now() - this.status.lastEventAt) / 1000);
			}
		} catch (e) {
			if (!(e instanceof GenesysSetupError)) {
				if (signal.aborted) return;
				throw e;
			}
			this.#setState('stopped', e.message);
			this.#log(`genesys: stopped: ${e.message}`);
		} finally {
			this.#session?.close();
			await this.#live.flush();
			if (this.status.state !== 'stopped') this.#setState('stopped', this.status.lastError);
		}
	}

	async #connect(): Promise<void> {
		await this.#api.token();
		const all = await listQueues(this.#api);
		const { followed, names, missing } = followedQueues(this.#o.config, all);
		if (followed.length === 0)
			throw new GenesysSetupError(
				`none of the queues named in topics[].queues exists in Genesys (${all.length} queues read): name each topic's Genesys queues there`
			);
		if (missing.length > 0) this.#log(`genesys: no Genesys queue is named ${missing.map((m) => `"${m}"`).join(', ')} (topics[].queues)`);
		this.#followed = followed;
		this.#names = names;
		const members = await listMembers(this.#api, followed);
		// Members placed by e-mail, name or division join their site's agents by user id, so that
		// the detail records (which name the user by id) find the same site.
		const placed = new Map<string, string[]>();
		for (const m of members) {
			const site = siteOfMember(this.#o.config, m);
			if (site !== 'unknown') placed.set(site, [...(placed.get(site) ?? []), m.id]);
		}
		const config: Config = {
			...this.#o.config,
			sites: this.#o.config.sites.map((s) => ({ ...s, agents: [...new Set([...s.agents, ...(placed.get(s.id) ?? [])])] })),
			genesys: { ...this.#o.config.genesys, queueNames: { ...names, ...this.#o.config.genesys.queueNames } }
		};
		const mapping = nameMapping(config);
		this.#mapping = mapping;
		this.#ctx = { sourceId: 'genesys:details', position: '', mapping, timeZone: config.timeZone };
		this.#members = new Map(
			members.map((m: GenesysMember) => {
				const agent = mapping.canonicalAgent(m.id);
				return [m.id, { agent, site: mapping.siteOfAgent(agent), topics: [...new Set(m.queueIds.map((q) => mapping.topicOfQueue(names[q] ?? q)))] }];
			})
		);
		this.#pipeline = await SourcePipeline.open(this.#o.db, {
			sourceId: 'genesys:details',
			label: 'genesys',
			format: 'genesys',
			config,
			writer: this.#o.writer,
			preloadRecent: true
		});
		this.status.queues = followed.map((q) => q.name);
		this.#readOpen = true;
		await this.#waitingNow();
		this.#session?.close();
		this.#session = new NotificationSession({
			api: this.#api,
			topics: [...followed.map((q) => `v2.routing.queues.${q.id}.conversations`), ...members.map((m) => `v2.users.${m.id}.activity`)],
			onNotification: (topic, body) => this.#notification(topic, body),
			onGap: () => {
				genesysMetrics.reconnects.inc();
				this.#gapPending = true;
				this.#readOpen = true;
				this.#wake?.();
			},
			onHeard: () => this.#heard(),
			log: this.#log,
			signal: this.#o.signal,
			...(this.#o.silenceMs ? { silenceMs: this.#o.silenceMs } : {})
		});
		await this.#session.open();
		this.status.connectedSince = Date.now();
		this.#heard();
		this.#setState('connected', null);
		this.#log(`genesys: connected to ${this.#api.endpoints.apiUrl}, following ${followed.length} queue(s) (${this.status.queues.join(', ')}) and ${members.length} member(s)`);
	}

	/**
	 * Callers already waiting when the connector starts: the oWaiting observations of the
	 * followed queues (QueueObservationQuery → QueueObservationQueryResponse {results: [{group:
	 * {queueId}, data: [{metric, observations: [ObservationValue{conversationId, observationDate}]}]}]}).
	 */
	async #waitingNow(): Promise<void> {
		const res = await this.#api.request<{ results?: { group?: { queueId?: string }; data?: { metric?: string; observations?: { conversationId?: string; observationDate?: string }[] }[] }[] }>(
			'POST',
			'/api/v2/analytics/queues/observations/query',
			{ filter: { type: 'or', predicates: this.#followed.map((q) => ({ type: 'dimension', dimension: 'queueId', operator: 'matches', value: q.id })) }, metrics: ['oWaiting'], detailMetrics: ['oWaiting'] }
		);
		const events: CallEvent[] = [];
		for (const r of res.results ?? []) {
			const queueId = r.group?.queueId ?? '';
			for (const d of r.data ?? []) {
				if (d.metric !== 'oWaiting') continue;
				for (const o of d.observations ?? []) {
					const at = Date.parse(o.observationDate ?? '');
					if (!o.conversationId || !Number.isFinite(at)) continue;
					const e = newCallEvent('queued', at, `gen:${o.conversationId}`);
					e.eventId = stableId('genesys-live', e.callId, 'queued');
					e.channel = 'voice';
					e.topic = this.#mapping!.topicOfQueue(this.#names[queueId] ?? queueId);
					events.push(e);
				}
			}
		}
		this.#live.add(events);
	}

	#notification(topic: string, body: unknown): void {
		const mapping = this.#mapping;
		if (!mapping) return;
		if (topic.startsWith('v2.routing.queues.') && topic.endsWith('.conversations')) {
			genesysMetrics.notifications.inc({ topic: 'conversations' });
			this.#live.add(conversationEvents(body, mapping, new Map(Object.entries(this.#names))));
			return;
		}
		const user = /^v2\.users\.([^.]+)\.activity$/.exec(topic)?.[1];
		if (user !== undefined) {
			genesysMetrics.notifications.inc({ topic: 'activity' });
			const m = this.#members.get(user) ?? { agent: mapping.canonicalAgent(user), site: mapping.siteOfAgent(mapping.canonicalAgent(user)), topics: [] };
			const e = activityEvent(user, body, m.agent, m.site, m.topics);
			if (e) this.#live.add([], [e]);
			return;
		}
		genesysMetrics.notifications.inc({ topic: 'other' });
	}

	/**
	 * One details pass, from the checkpoint (less the overlap) to now, in whole clock hours of
	 * conversationStart, one commit per hour. :TRICKY: the hours are aligned and each commit's
	 * dedup token is its hour and content, so two connectors reading the same hour at the same
	 * moment write the same block under the same token, which ClickHouse keeps once; one
	 * reading it later finds its contacts stored (storedContacts.ts) and writes none.
	 */
	async reconcile(): Promise<void> {
		const pipeline = this.#pipeline;
		if (!pipeline) throw new Error('not connected');
		const g = this.#o.config.genesys;
		const now = Date.now();
		const committed = pipeline.position;
		const checkpoint = committed ? Date.parse(committed) : now - g.catchUpHours * HOUR_MS;
		let earliestOpen = Infinity;
		let waiting = 0;
		const readOpen = this.#readOpen;
		const open: CallEvent[] = [];
		let reconciled = 0;
		const before = pipeline.counts.accepted;
		for (let from = Math.floor((checkpoint - g.overlapMinutes * 60_000) / HOUR_MS) * HOUR_MS; from < now; from += HOUR_MS) {
			const to = Math.min(now, from + HOUR_MS);
			const interval = `${new Date(from).toISOString()}/${new Date(to).toISOString()}`;
			const digest = createHash('sha256');
			const exits: CallEvent[] = [];
			let seen = 0;
			for (let page = 1; ; page++) {
				const res = await this.#api.request<{ conversations?: Record<string, unknown>[]; totalHits?: number }>(
					'POST',
					'/api/v2/analytics/conversations/details/query',
					this.#query(interval, page)
				);
				this.#heard();
				const list = res.conversations ?? [];
				for (const c of list) {
					if (!c.conversationEnd) {
						waiting++;
						const start = Date.parse(String(c.conversationStart));
						if (start < earliestOpen) earliestOpen = start;
						// Callers already talking to a consultant when no notification said so: live events only.
						if (readOpen) open.push(...openConversationEvents(c, this.#mapping!, new Map(Object.entries(this.#names))));
						continue;
					}
					// A finished conversation the parser rejected is rejected once, not on every pass.
					const key = `${String(c.conversationId)}|${String(c.conversationEnd)}`;
					if (this.#rejectedOnce.has(key)) continue;
					const text = JSON.stringify({ queueNames: this.#names, conversations: [c] });
					digest.update(text);
					const ctx = this.#ctx!;
					ctx.position = `details ${interval} page ${page}`;
					const records = parseGenesysDocument(text, ctx);
					pipeline.addParsed(records, ctx.position);
					for (const r of records) {
						// Each finished call leaves the live queue, its exit notification seen or not.
						if (r.kind === 'contact') exits.push(exitOfContact(r.contact));
						else if (r.kind === 'rejected') this.#rejectedOnce.add(key);
					}
					reconciled++;
				}
				// The service may page smaller than asked: totalHits says when the interval is done.
				seen += list.length;
				if (list.length === 0 || (typeof res.totalHits === 'number' ? seen >= res.totalHits : list.length < PAGE_SIZE)) break;
			}
			// Never past a conversation still in progress: it is read again until it has ended.
			const reached = new Date(Math.min(to, earliestOpen)).toISOString();
			pipeline.markPosition(reached);
			this.status.checkpoint = reached;
			// An hour without finished conversations commits nothing of its own: the next commit
			// carries its position (a night of empty hours was a write each).
			if (!pipeline.hasPending && to < now) continue;
			await pipeline.flush({ tokenKey: `hour ${new Date(from).toISOString()}#${digest.digest('hex').slice(0, 24)}` });
			this.#live.add(exits);
			this.status.checkpoint = reached;
		}
		this.#live.add(open);
		await this.#live.flush();
		// Read once per (re)connection: a gap reported during this pass set it again.
		if (readOpen && !this.#gapPending) this.#readOpen = false;
		genesysMetrics.reconciled.inc(reconciled);
		genesysMetrics.passes.inc();
		genesysMetrics.stored.inc(pipeline.counts.accepted - before);
		this.status.waiting = waiting;
		this.status.lastReconcileAt = Date.now();
	}

	/** ConversationQuery: the interval, oldest first, only conversations that waited in a followed queue. */
	#query(interval: string, pageNumber: number): unknown {
		return {
			interval,
			order: 'asc',
			orderBy: 'conversationStart',
			paging: { pageSize: PAGE_SIZE, pageNumber },
			segmentFilters: [
				{ type: 'or', predicates: this.#followed.map((q) => ({ type: 'dimension', dimension: 'queueId', operator: 'matches', value: q.id })) }
			]
		};
	}

	#heard(): void {
		this.status.lastEventAt = Date.now();
		genesysMetrics.lastEventAge.set(0);
	}

	#setState(state: GenesysStatus['state'], error: string | null): void {
		this.status.state = state;
		this.status.lastError = error;
		genesysMetrics.state.set(state === 'connected' ? 2 : state === 'stopped' ? 0 : 1);
	}
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal.aborted) return resolve();
		const t = setTimeout(done, ms);
		function done() {
			clearTimeout(t);
			signal.removeEventListener('abort', done);
			resolve();
		}
		signal.addEventListener('abort', done, { once: true });
	});
}
