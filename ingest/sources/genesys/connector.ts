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
 * a gap (the process was down, the API unreachable) the next pass reads the whole gap, in
 * windows of at most 7 days (the query's limit).
 */
import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../../../src/lib/server/config/schema.ts';
import type { IngestWriter } from '../../ingestWriter.ts';
import { SourcePipeline } from '../../pipeline.ts';
import { GenesysApi, GenesysSetupError, genesysEndpoints } from './api.ts';
import { followedQueues, listQueues, type GenesysQueue } from './queues.ts';
import { genesysMetrics } from './metrics.ts';

export type GenesysConnectorOptions = {
	db: ClickHouseClient;
	writer: IngestWriter;
	config: Config;
	/** GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET, GENESYS_REGION, GENESYS_API_URL, GENESYS_LOGIN_URL. */
	env: Record<string, string | undefined>;
	signal: AbortSignal;
	log?: (line: string) => void;
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

/** The details query's own limit on an interval. */
const MAX_WINDOW_MS = 7 * 86_400_000;
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
				await sleep(g.reconcileSeconds * 1000, signal);
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
		const config: Config = { ...this.#o.config, genesys: { ...this.#o.config.genesys, queueNames: { ...names, ...this.#o.config.genesys.queueNames } } };
		this.#pipeline = await SourcePipeline.open(this.#o.db, {
			sourceId: 'genesys:details',
			label: 'genesys',
			format: 'genesys',
			config,
			writer: this.#o.writer,
			preloadRecent: true
		});
		this.status.queues = followed.map((q) => q.name);
		this.status.connectedSince = Date.now();
		this.#heard();
		this.#setState('connected', null);
		this.#log(`genesys: connected to ${this.#api.endpoints.apiUrl}, following ${followed.length} queue(s): ${this.status.queues.join(', ')}`);
	}

	/** One details pass: from the checkpoint (less the overlap) to now, every page, then one commit. */
	async reconcile(): Promise<void> {
		const pipeline = this.#pipeline;
		if (!pipeline) throw new Error('not connected');
		const g = this.#o.config.genesys;
		const now = Date.now();
		const committed = pipeline.position;
		const checkpoint = committed ? Date.parse(committed) : now - g.catchUpHours * 3_600_000;
		let earliestOpen = Infinity;
		let waiting = 0;
		let reconciled = 0;
		const digest = createHash('sha256');
		for (let from = checkpoint - g.overlapMinutes * 60_000; from < now; from += MAX_WINDOW_MS) {
			const to = Math.min(now, from + MAX_WINDOW_MS);
			const interval = `${new Date(from).toISOString()}/${new Date(to).toISOString()}`;
			let seen = 0;
			for (let page = 1; ; page++) {
				const res = await this.#api.request<{ conversations?: Record<string, unknown>[]; totalHits?: number }>(
					'POST',
					'/api/v2/analytics/conversations/details/query',
					this.#query(interval, page)
				);
				this.#heard();
				const list = res.conversations ?? [];
				const finished = [];
				for (const c of list) {
					if (c.conversationEnd) finished.push(c);
					else {
						waiting++;
						const start = Date.parse(String(c.conversationStart));
						if (start < earliestOpen) earliestOpen = start;
					}
				}
				if (finished.length > 0) {
					const text = JSON.stringify({ queueNames: this.#names, conversations: finished });
					digest.update(text);
					pipeline.addDocument(text, `details ${interval} page ${page}`, committed);
					reconciled += finished.length;
				}
				// The service may page smaller than asked: totalHits says when the interval is done.
				seen += list.length;
				if (list.length === 0 || (typeof res.totalHits === 'number' ? seen >= res.totalHits : list.length < PAGE_SIZE)) break;
			}
		}
		// Never past a conversation still in progress: it is read again until it has ended.
		const reached = new Date(Math.min(now, earliestOpen)).toISOString();
		pipeline.markPosition(reached);
		await pipeline.flush({ tokenKey: `${committed}..${reached}#${digest.digest('hex').slice(0, 16)}` });
		genesysMetrics.reconciled.inc(reconciled);
		this.status.waiting = waiting;
		this.status.checkpoint = reached;
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
