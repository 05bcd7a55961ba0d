/**
 * Compute once, send to all. Each tick reads the live state with a fixed number of queries,
 * derives one view per site, serializes each view once, and sends the same bytes to every
 * subscriber of that view. A snapshot goes out on connect, then updates with a sequence
 * number. Ping/pong drops dead sockets (TVs on flaky networks); a client whose socket buffer
 * is still full skips frames it would only read late, so a slow screen never grows the
 * server's memory.
 */
import type { WebSocket } from 'ws';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import { encodeState, type LiveState } from '../../live/protocol.ts';
import { readLiveState, siteView, type QueueNow } from './liveState.ts';
import type { QueueFeed } from '../ewt/queueFeed.ts';
import { EXTRA_QUERIES, FED_QUERIES_SPARED, readExtras, withExtras, type Extras } from './extras.ts';
import { PartCache, TABLES } from './parts.ts';
import type { AlertService } from '../alerts/service.ts';
import { counter, gauge, histogram } from '../observability/metrics.ts';
import { stageDone } from './stages.ts';

/** A client with this much unsent data skips the next frame. */
const SLOW_CLIENT_BYTES = 256 * 1024;
const PING_MS = 15_000;
/**
 * The pause between the end of a tick and a tick that new data asks for: new data waits at
 * most this plus the tick under way, and a steady stream of inserts still leaves the engine
 * time for them between ticks.
 */
export const NUDGE_GAP_MS = 50;

/**
 * `allowed` asks again whether the screen's credentials may still see its view (a token revoked,
 * a user disabled or their password changed): an open socket must not outlive them.
 */
type Subscriber = { ws: WebSocket; view: string; site: string; names: boolean; alive: boolean; allowed: (() => Promise<boolean>) | null; screen: ScreenInfo };

/** An open screen as the admin page lists it (TVs online). */
export type ScreenInfo = { who: string; role: string; view: string; address: string; since: number; lastSeen: number };

/**
 * The frame a screen gets: its view, with consultants one by one only where it may see names
 * (consultants.ts): at most two serializations per view a screen has open, whatever the number
 * of screens.
 */
const frameKey = (view: string, names: boolean) => (names ? `${view}+names` : view);

/**
 * How often open screens' access is checked again: the access lookups' own freshness, so a
 * revoked token's socket closes about as soon as its HTTP requests are refused.
 */
const RECHECK_MS = 5_000;

/** How often alerts are judged while no screen is open. */
const ALERTS_IDLE_MS = 5_000;

const metrics = {
	clients: gauge('callboard_live_clients', 'Connected live screens'),
	ticks: counter('callboard_live_ticks_total', 'Live state computations'),
	queries: counter('callboard_live_queries_total', 'ClickHouse queries made by the live hub'),
	skipped: counter('callboard_live_frames_skipped_total', 'Frames not sent to slow clients'),
	serialized: counter('callboard_live_frames_serialized_total', 'Live states serialized to JSON (once per open view per tick)'),
	tickSeconds: histogram('callboard_live_tick_seconds', 'Time to read and serialize the live state', [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5])
};

/**
 * Queries one tick makes at most: readLiveState's five (queue until the EWT service is ready,
 * consultants, today, rolling windows, open written work) and the supervisor view's (extras.ts),
 * but the consultants and open written work once for both (parts.ts). Most ticks make fewer:
 * they read only the parts new data can have changed and those past their age (parts.ts).
 */
export const QUERIES_PER_TICK = 5 + EXTRA_QUERIES - 2;
/** Queries one tick makes once the EWT service's queues are ready: who is waiting comes from its memory. */
export const FED_QUERIES_PER_TICK = QUERIES_PER_TICK - 1 - FED_QUERIES_SPARED;

export class LiveHub {
	readonly #db: ClickHouseClient;
	readonly #config: Config;
	readonly #intervalMs: number;
	readonly #subs = new Set<Subscriber>();
	#seq = 0;
	#state: LiveState | null = null;
	#extras: Extras = { consultants: null, now: null };
	/** The latest state serialized per view (JSON of LiveState), made when a screen of the view first needs it. */
	#frames = new Map<string, string>();
	#timer: NodeJS.Timeout | null = null;
	#pinger: NodeJS.Timeout | null = null;
	#rechecker: NodeJS.Timeout | null = null;
	#ticking: Promise<void> | null = null;
	/** When the last tick started (epoch ms). */
	#lastTickAt = 0;
	/** Ticks computed since start (for tests and the benchmark: independent of client count). */
	ticks = 0;
	/** The tick's parts (one query each), kept until new data in their tables or half an interval. */
	readonly #parts: PartCache;
	/** ClickHouse queries the ticks made since start (for tests; callboard_live_queries_total). */
	queries = 0;
	/** States serialized since start (for tests: once per open view per tick, whatever the number of screens). */
	serializations = 0;

	/**
	 * The announced wait for a caller joining a topic now (the EWT service), or undefined when
	 * it cannot say yet; then the live state falls back to the centre's rule.
	 */
	announcedWait: ((topic: string) => number | null | undefined) | null = null;

	/**
	 * The queues the estimated wait counts (the EWT service's, once rebuilt after a start), so
	 * that the boards and the IVR agree on who is waiting; null until then (the live state reads
	 * the same rule from ClickHouse).
	 */
	queueNow: (() => ((topic: string) => QueueNow) | null) | null = null;
	/** The EWT service's queue feed once ready (null before): the chat queues and callers-waiting list. */
	queueFeed: (() => QueueFeed | null) | null = null;
	/** Alerts, evaluated once per tick on what the tick read (never per screen). */
	alerts: AlertService | null = null;

	/**
	 * `partMaxAgeMs`: how long a part no new data has changed is kept (parts.ts); half an interval
	 * by default, so that every interval tick reads everything. A process that hears of every
	 * write (embedded chDB: every write is its own writer's, live.written) needs the re-reads
	 * only for what moves with the clock alone (rolling windows, occupancy today), and keeps its
	 * parts longer: the engine's time then goes to the data that changed.
	 */
	constructor(db: ClickHouseClient, config: Config, intervalMs = 1_000, opts: { partMaxAgeMs?: number } = {}) {
		this.#db = db;
		this.#config = config;
		this.#intervalMs = intervalMs;
		this.#parts = new PartCache(opts.partMaxAgeMs ?? intervalMs / 2);
	}

	get clients(): number {
		return this.#subs.size;
	}

	start(): void {
		this.#started = true;
		if (!this.#timer) this.#schedule();
		this.#pinger ??= setInterval(() => this.#ping(), PING_MS);
		this.#rechecker ??= setInterval(() => void this.#recheck(), RECHECK_MS);
	}

	#started = false;

	/**
	 * The next interval tick, `intervalMs` after the last tick started: every tick (new data's
	 * too) puts it off, so a screen gets a frame at least every interval and a steady stream of
	 * data ticks no more often than it asks for. Nobody watching, nothing to compute (GET
	 * /api/live computes on demand), except that alerts go to webhooks and the log with no
	 * screen open: judged then every ALERTS_IDLE_MS, which spares the engine a second-by-second
	 * load nobody looks at.
	 */
	#schedule(): void {
		if (!this.#started) return;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			const alertsDue = (this.alerts?.rules.length ?? 0) > 0 && Date.now() - this.#lastTickAt >= ALERTS_IDLE_MS;
			// A tick reschedules; a tick already under way has (it shares this call).
			if (this.#subs.size > 0 || alertsDue) void this.tick();
			if (!this.#timer) this.#schedule();
		}, this.#intervalMs);
	}

	async stop(): Promise<void> {
		this.#started = false;
		if (this.#timer) clearTimeout(this.#timer);
		if (this.#pinger) clearInterval(this.#pinger);
		if (this.#rechecker) clearInterval(this.#rechecker);
		if (this.#nudgeTimer) clearTimeout(this.#nudgeTimer);
		this.#timer = this.#pinger = this.#rechecker = this.#nudgeTimer = null;
		await this.#ticking;
		for (const s of this.#subs) s.ws.close(1001, 'server shutting down');
		this.#subs.clear();
	}

	/** The current state of a view (for GET /api/live), computed now if older than a tick. */
	async current(view: string, names = false): Promise<LiveState> {
		if (!this.#state || Date.now() - this.#state.asOf > this.#intervalMs) await this.tick();
		return withExtras(view === 'all' ? this.#state! : siteView(this.#state!, view), this.#extras, names);
	}

	/**
	 * New data is in ClickHouse, in these tables: the parts of the live state that read them are
	 * read again by the next tick (one under way may have read before the data landed).
	 */
	written(tables: readonly string[] = TABLES): void {
		this.#parts.written(tables);
	}

	/** When the last tick ended (performance.now()). */
	#lastTickEnd = -Infinity;
	#nudgeTimer: NodeJS.Timeout | null = null;
	/** New data arrived while a tick ran (its reads may have missed it): one more tick follows it. */
	#again = false;
	/** When the oldest new data no tick has started reading yet was announced (performance.now()). */
	#pendingSince: number | null = null;

	/**
	 * New data landed: tick now rather than at the next interval, so an event reaches screens
	 * in a fraction of a second. A nudge during a tick is not lost in it (the tick's queries
	 * may have run before the data landed): one more tick follows NUDGE_GAP_MS after it, and
	 * however many nudges come meanwhile, they make that one tick.
	 */
	nudge(): void {
		if (this.#subs.size === 0) return;
		this.#pendingSince ??= performance.now();
		if (this.#ticking) {
			this.#again = true;
			return;
		}
		if (this.#nudgeTimer) return;
		const wait = Math.max(0, this.#lastTickEnd + NUDGE_GAP_MS - performance.now());
		this.#nudgeTimer = setTimeout(() => {
			this.#nudgeTimer = null;
			void this.tick();
		}, wait);
	}

	/** One computation for everybody; overlapping calls share it. */
	tick(): Promise<void> {
		this.#ticking ??= this.#compute().finally(() => {
			this.#ticking = null;
			this.#lastTickEnd = performance.now();
			if (this.#again) {
				this.#again = false;
				this.nudge();
			}
		});
		return this.#ticking;
	}

	async #compute(): Promise<void> {
		const started = performance.now();
		if (this.#pendingSince !== null) stageDone('nudge_wait', this.#pendingSince, started);
		// Data announced from here on may be missed by this tick's reads: it asks for the next.
		this.#pendingSince = null;
		this.#lastTickAt = Date.now();
		this.#schedule();
		let state: LiveState;
		const readsBefore = this.#parts.reads;
		const queues = this.queueNow?.() ?? null;
		const feed = this.queueFeed?.() ?? null;
		let extras: Extras;
		try {
			const now = Date.now();
			const part = this.#parts.at(now);
			[state, extras] = await Promise.all([
				readLiveState(this.#db, this.#config, now, this.announcedWait, queues, part),
				readExtras(this.#db, this.#config, now, feed, part)
			]);
			if (this.alerts) extras.alerts = this.alerts.evaluate({ state, consultants: extras.consultants, now: extras.now, at: now });
		} catch (e) {
			// ClickHouse unreachable: send nothing; screens go stale by themselves and recover.
			console.error(`live: reading the live state failed: ${(e as Error).message}`);
			return;
		}
		const read = performance.now();
		stageDone('read', started, read);
		this.ticks++;
		metrics.ticks.inc();
		// The parts read (not kept from the tick before), and who is waiting until the feed is ready.
		const queries = this.#parts.reads - readsBefore + (queues ? 0 : 1) + (feed ? 0 : FED_QUERIES_SPARED);
		this.queries += queries;
		metrics.queries.inc(queries);
		this.#state = state;
		this.#extras = extras;
		this.#seq++;
		this.#frames = new Map();
		// One message per view a screen has open, as bytes: every socket of the view is handed
		// the same Buffer (a string would be encoded again for each socket).
		const messages = new Map<string, Buffer>();
		for (const sub of this.#subs)
			if (!messages.has(sub.view)) messages.set(sub.view, Buffer.from(`{"type":"update","seq":${this.#seq},"state":${this.#frame(sub)}}`));
		const serialized = performance.now();
		stageDone('serialize', read, serialized);
		for (const sub of this.#subs) {
			if (sub.ws.readyState !== sub.ws.OPEN) continue;
			if (sub.ws.bufferedAmount > SLOW_CLIENT_BYTES) {
				metrics.skipped.inc();
				continue;
			}
			// A text frame: screens parse it as the JSON it is.
			sub.ws.send(messages.get(sub.view)!, { binary: false });
		}
		const sent = performance.now();
		stageDone('send', serialized, sent);
		metrics.tickSeconds.observe((sent - started) / 1000);
	}

	/** The current state of a subscriber's view as JSON, serialized once per tick for all its screens. */
	#frame(sub: Pick<Subscriber, 'view' | 'site' | 'names'>): string {
		let json = this.#frames.get(sub.view);
		if (json === undefined) {
			const state = sub.site === 'all' ? this.#state! : siteView(this.#state!, sub.site);
			json = JSON.stringify(encodeState(withExtras(state, this.#extras, sub.names)));
			this.#frames.set(sub.view, json);
			this.serializations++;
			metrics.serialized.inc();
		}
		return json;
	}

	/**
	 * Adds a screen: it gets the latest snapshot at once, then every update, for as long as
	 * `allowed` (checked every RECHECK_MS) says its credentials still may.
	 */
	async subscribe(
		ws: WebSocket,
		view: string,
		allowed: (() => Promise<boolean>) | null = null,
		names = false,
		who: { who: string; role: string; address: string } = { who: '', role: '', address: '' }
	): Promise<void> {
		const sub: Subscriber = { ws, view: frameKey(view, names), site: view, names, alive: true, allowed, screen: { ...who, view, since: Date.now(), lastSeen: Date.now() } };
		ws.on('pong', () => {
			sub.alive = true;
			sub.screen.lastSeen = Date.now();
		});
		ws.on('close', () => {
			this.#subs.delete(sub);
			metrics.clients.set(this.#subs.size);
		});
		ws.on('error', () => ws.terminate());
		if (!this.#state) await this.tick();
		if (ws.readyState !== ws.OPEN) return;
		// The snapshot first, then the screen joins the updates (a tick cannot overtake it).
		if (this.#state) ws.send(`{"type":"snapshot","seq":${this.#seq},"state":${this.#frame(sub)}}`);
		this.#subs.add(sub);
		metrics.clients.set(this.#subs.size);
	}

	/**
	 * Closes the sockets whose access was withdrawn (1008, policy): the screen reconnects, is
	 * refused, and says why. A check that fails (the store unreachable) keeps the screen: the
	 * access lookups keep their last answer during an outage for the same reason.
	 */
	async #recheck(): Promise<void> {
		await Promise.all(
			[...this.#subs].map(async (sub) => {
				if (!sub.allowed) return;
				const ok = await sub.allowed().catch(() => true);
				if (!ok && this.#subs.has(sub)) {
					this.#subs.delete(sub);
					metrics.clients.set(this.#subs.size);
					sub.ws.close(1008, 'access withdrawn');
				}
			})
		);
	}

	/** The screens open now, oldest first. */
	screens(): ScreenInfo[] {
		return [...this.#subs].map((s) => ({ ...s.screen })).sort((a, b) => a.since - b.since);
	}

	#ping(): void {
		for (const sub of this.#subs) {
			if (!sub.alive) {
				sub.ws.terminate();
				continue;
			}
			sub.alive = false;
			sub.ws.ping();
		}
	}
}
