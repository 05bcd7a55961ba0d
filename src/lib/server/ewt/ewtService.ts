/**
 * The estimated wait, live: per-queue windows kept in memory from the call events in
 * ClickHouse, so GET /api/ewt answers from memory (no query per request) in every deployment
 * (embedded, or many servers and ingest workers around one ClickHouse).
 *
 * The batches this process's writer stores are handed over as they land (applyInserted). Every
 * `refreshMs` it reads the consultants now and, where other processes may write (a ClickHouse
 * server), the call events stored since the last read. Events are fed to the queues in time
 * order, and for each caller who joined a queue every estimator is computed (shadow mode) and
 * stored (ewt_estimates) for the accuracy figures. At start it warms up on the last hour of
 * events without storing estimates: the consultants then were not the ones logged in now.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import { queryRows } from '../clickhouse/sql.ts';
import { EWT_METHODS, estimateBy, type EwtBasis, type EwtMethod } from './estimators.ts';
import { QueueFeed, WAIT_HORIZON_MS, type Arrival, type CallEventRow } from './queueFeed.ts';
import type { StaffNow, TopicWindow } from './topicWindow.ts';
import { speakWait } from './speech.ts';
import { byTimeThenLifecycle } from './lifecycle.ts';
import { staffingFor, type TopicStaffing } from './staffing.ts';
import { staffByTopic, type AgentRow } from '../live/agents.ts';

/**
 * The window the queues are rebuilt from at start: the longest sliding window (AHT, 1 hour),
 * and the wait horizon, so a restart finds the same callers waiting and the same rates.
 */
const WARM_UP_MS = Math.max(3600_000, WAIT_HORIZON_MS);
/** Events are read again this far back in ingestion time: clocks of several writers differ. */
const INGEST_OVERLAP_MS = 10_000;
/**
 * Older events change no queue now: a caller waiting longer is dropped (WAIT_HORIZON_MS). It is
 * the warm-up's window too: a read after the warm-up that reached further back would apply
 * events the warm-up left out (a backlog stored just before a restart), all at once, at the
 * queues' latest time, and the rates after a restart would be nothing like those before it.
 */
const EVENT_HORIZON_MS = WARM_UP_MS;
/** An arrival read later than this (a late file, a replay) gets no stored estimate: the staff now is not the staff then. */
const LIVE_ARRIVAL_MS = 60_000;
const AGENT_HORIZON_MS = 24 * 3600_000;
/** The latest instant a DateTime64 holds: no upper bound. */
const LATEST_MS = Date.UTC(2299, 11, 31);
/** The event types that move a queue (ewt/events_since reads these). */
const FED_TYPES = new Set(['queued', 'wait_announced', 'answered', 'ended', 'wrapup_ended', 'abandoned', 'timed_out', 'left', 'callback_requested', 'closed_unknown']);

export type EwtAnswer = {
	topic: string;
	channel: string;
	/** The announced estimate, seconds (whole); null: nothing to go on, announce no number. */
	seconds: number | null;
	/** What to say: "apie 3 minutes" / "about 3 minutes"; null with no estimate. */
	phrase: { lt: string; en: string } | null;
	/** The new caller's place in the queue: callers waiting + 1. */
	position: number;
	/** The configured estimator, and what its answer rests on (a fallback, or a free consultant). */
	method: EwtMethod;
	basis: EwtBasis | null;
	/** Every estimator's answer, for comparison (seconds, whole). */
	estimates: Record<EwtMethod, number | null>;
	agentsServing: number;
	agentsIdle: number;
	asOf: string;
};

/** An event to feed, and whether a writer of this process handed it over (not read from the store). */
type EventRow = CallEventRow & { ingested_ms: number; handed?: boolean };

export class EwtService {
	readonly feed = new QueueFeed();
	#db: ClickHouseClient;
	#config: Config;
	#log: (line: string) => void;
	#staff = new Map<string, StaffNow>();
	/** Latest ingestion time read, and the event ids read within the overlap (to skip them). */
	#cursorMs = 0;
	#seen = new Map<string, number>();
	/** The latest event time read (the `events` clock). */
	#streamMs: number | null = null;
	#warm = false;
	#timer: NodeJS.Timeout | null = null;
	#running: Promise<void> | null = null;
	#again: Promise<void> | null = null;
	#staffingCache: { atMs: number; value: TopicStaffing[] } | null = null;
	/** Only this process writes the store (embedded chDB locks its directory): see #refresh. */
	readonly #ownsWrites: boolean;
	/** The next refresh reads the events too (a batch the engine took only in part). */
	#resync = false;
	/** Events inserted before the warm-up read finished: applied after it. */
	#held: EventRow[] = [];
	/** Estimates being stored, in order (refresh() resolves after them). */
	#storing: Promise<void> = Promise.resolve();
	lastError: string | null = null;
	/** Called after a read that changed the queues with the events it fed (the live boards show them: they tick at once). */
	onApplied: ((events: CallEventRow[]) => void) | null = null;

	/**
	 * `ownsWrites`: every write to the store comes through this process's ingest writer, which
	 * hands its call events over (applyInserted): embedded chDB, whose directory one process holds.
	 */
	constructor(db: ClickHouseClient, config: Config, log: (line: string) => void = () => {}, opts: { ownsWrites?: boolean } = {}) {
		this.#db = db;
		this.#config = config;
		this.#log = log;
		this.#ownsWrites = opts.ownsWrites ?? false;
		for (const t of config.topics) this.feed.window('voice', t.id);
	}

	/** True once the queues were rebuilt from the last hour. */
	get ready(): boolean {
		return this.#warm;
	}

	start(): void {
		if (this.#timer) return;
		// The timer's read is skipped while one runs (only new data asks for one more).
		const tick = () => void (this.#running ? null : this.refresh().catch(() => {}));
		tick();
		this.#timer = setInterval(tick, this.#config.ewt.refreshMs);
		this.#timer.unref();
	}

	/** Stops refreshing, after the refresh under way (so the store can be closed next). */
	async stop(): Promise<void> {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		await this.#running?.catch(() => {});
		await this.#again?.catch(() => {});
		await this.#storing;
	}

	/**
	 * The service's now: the wall clock, or with `ewt.clock: events` the latest event time read
	 * (a benchmark replaying a simulated day in minutes; the events still come the real way,
	 * through ingest and ClickHouse). Ingestion times, which order the reads, are always the wall's.
	 */
	now(wallMs = Date.now()): number {
		return this.#config.ewt.clock === 'events' && this.#streamMs !== null ? this.#streamMs : wallMs;
	}

	/**
	 * Catches up with ClickHouse. Refreshes never overlap: a slow one makes the next wait. Asked
	 * while one runs (new data was just stored, which it may have missed), one more follows it.
	 */
	refresh(wallMs?: number): Promise<void> {
		if (this.#running) {
			this.#again ??= this.#running.catch(() => {}).then(() => {
				this.#again = null;
				return this.refresh(wallMs);
			});
			return this.#again;
		}
		this.#running = this.#refresh(wallMs ?? Date.now()).finally(() => (this.#running = null));
		return this.#running;
	}

	async #refresh(wallMs: number): Promise<void> {
		let held: EventRow[] = [];
		try {
			const warm = this.#warm;
			let now = this.now(wallMs);
			// Once warm, a store only this process writes (embedded chDB) has no event the writer
			// has not handed over already (applyInserted): only the consultants are read.
			const readEvents = !warm || !this.#ownsWrites || this.#resync;
			this.#resync = false;
			// Handed over before this read began: the consultants it reads include their batches'.
			held = this.#held.splice(0);
			const [agents, events] = await Promise.all([
				// Up to now, as the boards count them; on the event clock (a replay) every state sent so far.
				queryRows<AgentRow>(this.#db, 'live/agents_now', { since: now - AGENT_HORIZON_MS, now: this.#config.ewt.clock === 'events' ? LATEST_MS : now }),
				readEvents
					? queryRows<EventRow>(this.#db, 'ewt/events_since', {
							min_ts: now - (warm ? EVENT_HORIZON_MS : WARM_UP_MS),
							// Nothing stored before the event window can be about it (ingestion follows the event).
							since: warm ? this.#cursorMs - INGEST_OVERLAP_MS : wallMs - 2 * WARM_UP_MS
						})
					: Promise.resolve([] as EventRow[])
			]);
			this.#staff = staffByTopic(agents);
			// A batch stored while the warm-up read ran may be in it or not: applied after it, once.
			const fresh = this.#feedEvents([...events, ...held], warm, wallMs);
			now = this.now(wallMs);
			this.feed.advance(now);
			this.#warm = true;
			this.lastError = null;
			// The boards hear of handed-over batches from their writer (live/inserted.ts): only what the read found.
			const found = fresh.filter((e) => !e.handed);
			if (found.length) this.onApplied?.(found);
			await this.#storing;
		} catch (e) {
			// Kept for the next refresh: nothing handed over is lost to a failed read.
			this.#held.unshift(...held);
			const message = (e as Error).message;
			if (message !== this.lastError) this.#log(`ewt: refresh failed, the estimates keep their last state: ${message}`);
			this.lastError = message;
			throw e;
		}
	}

	/**
	 * Call events a writer of this process has just inserted (ingest/ingestWriter.ts): fed to the
	 * queues now, so the boards and the IVR's estimate count them without reading them back from
	 * ClickHouse (a read of the last seconds of events after every insert was the live view's
	 * largest cost at 1,000 events/s: bench/liveView.ts). Resolves once they are in the queues.
	 * `staffChanged` (the batch wrote consultants' states): they wait for a refresh that reads
	 * the consultants first, so each caller's estimate counts the staff of his moment. Until the
	 * warm-up read is done they wait for it too. `exact` false (the engine refused some of the
	 * batch's rows): nothing is taken from the batch; the next refresh reads what was stored.
	 */
	applyInserted(rows: CallEventRow[], exact = true, opts: { staffChanged?: boolean; wallMs?: number } = {}): Promise<void> {
		const wallMs = opts.wallMs ?? Date.now();
		if (!exact) {
			this.#resync = true;
			return this.refresh().catch(() => {});
		}
		const horizon = this.now(wallMs) - EVENT_HORIZON_MS;
		const events = rows.filter((r) => FED_TYPES.has(r.type) && r.ts_ms >= horizon).map((r) => ({ ...r, ingested_ms: wallMs, handed: true }));
		if (!this.#warm || opts.staffChanged) {
			this.#held.push(...events);
			return this.refresh().catch(() => {});
		}
		this.#feedEvents(events, true, wallMs);
		this.feed.advance(this.now(wallMs));
		return Promise.resolve();
	}

	/**
	 * Feeds events not fed before (by id) to the queues in time order, and for each caller who
	 * joined a queue live stores every estimator's answer (in the background: the queues do not
	 * wait for the engine). Returns the events fed.
	 */
	#feedEvents(events: EventRow[], warm: boolean, wallMs: number): EventRow[] {
		const eventClock = this.#config.ewt.clock === 'events';
		const horizon = this.now(wallMs) - EVENT_HORIZON_MS;
		const fresh: EventRow[] = [];
		for (const e of events) {
			if (this.#seen.has(e.event_id) || (warm && e.ts_ms < horizon)) continue;
			this.#seen.set(e.event_id, e.ingested_ms);
			// A handed-over event's time is our clock's; with a ClickHouse server the cursor follows the
			// server's (ingested_at), which ours may not match.
			if ((!e.handed || this.#ownsWrites) && e.ingested_ms > this.#cursorMs) this.#cursorMs = e.ingested_ms;
			fresh.push(e);
		}
		// The query sorts so already; sorting here too keeps the feed right if the two drift apart.
		fresh.sort(byTimeThenLifecycle);
		if (eventClock) for (const e of fresh) if (this.#streamMs === null || e.ts_ms > this.#streamMs) this.#streamMs = e.ts_ms;
		const now = this.now(wallMs);
		for (const [id, at] of this.#seen) if (at < this.#cursorMs - 2 * INGEST_OVERLAP_MS) this.#seen.delete(id);
		// Staff as read now takes effect at the first event read, or (nothing new) at each queue's
		// latest event: a read that moved the queues to the clock would make every event stored a
		// little late (a connector's batch, a followed file) land at that read's time, its waits
		// and rates squeezed into an instant, and a restart (which reads them in order) disagree.
		const from = fresh.length ? fresh[0]!.ts_ms : -Infinity;
		this.feed.staffing(warm || !fresh.length ? from : Math.min(from, now - WARM_UP_MS), (topic) => this.#staff.get(topic)?.agentsServing ?? 0);
		const estimates: EstimateRow[] = [];
		this.feed.apply(fresh, (arrival, window, atS) => {
			// On the event clock every arrival read after the warm-up is live: the stream's time is its own.
			if (warm && (eventClock || now - arrival.atMs <= LIVE_ARRIVAL_MS)) estimates.push(...this.#shadow(arrival, window, atS));
		});
		if (estimates.length) this.#store(estimates);
		return fresh;
	}

	/** Stores estimates after those before them; a failure is logged, the queues go on. */
	#store(rows: EstimateRow[]): void {
		this.#storing = this.#storing
			.then(() => this.#db.insert({ table: 'ewt_estimates', values: rows, format: 'JSONEachRow' }))
			.then(
				() => {},
				(e: unknown) => this.#log(`ewt: ${rows.length} estimate(s) not stored for the accuracy figures: ${(e as Error).message}`)
			);
	}

	/** Every estimator for a caller as he joins, as rows for ewt_estimates. */
	#shadow(arrival: Arrival, window: TopicWindow, atS: number): EstimateRow[] {
		const staff = this.#staffFor(arrival.topic);
		const snapshot = window.snapshot(atS, staff);
		const announced = this.#config.ewt.announced;
		return EWT_METHODS.map((method) => {
			const e = estimateBy(method, snapshot);
			return {
				estimated_at: arrival.atMs,
				// The assembler's id of the contact this queue entry becomes (ingest/assemble).
				contact_id: `${arrival.callId}#${arrival.atMs}`,
				channel: arrival.channel,
				topic: arrival.topic,
				method,
				estimate_s: e ? e.seconds : null,
				basis: e ? e.basis : '',
				ahead: snapshot.ahead,
				agents_serving: staff.agentsServing,
				announced: method === announced ? 1 : 0,
				simulated: arrival.simulated ? 1 : 0
			};
		});
	}

	/**
	 * The estimate for a caller joining `topic`'s queue now. A queue with no traffic since the
	 * start (chat queues appear with their first chat) has nothing to go on: no number.
	 */
	estimate(topic: string, channel = 'voice', now = this.now()): EwtAnswer {
		const window = this.feed.windows.get(`${channel}/${topic}`);
		const staff = this.#staffFor(topic);
		const snapshot = window?.peek(now / 1000, staff);
		const method = this.#config.ewt.announced;
		const estimates = {} as Record<EwtMethod, number | null>;
		for (const m of EWT_METHODS) {
			const e = snapshot && estimateBy(m, snapshot);
			estimates[m] = e ? Math.round(e.seconds) : null;
		}
		const chosen = snapshot && estimateBy(method, snapshot);
		const seconds = chosen ? Math.round(chosen.seconds) : null;
		return {
			topic,
			channel,
			seconds,
			phrase: seconds === null ? null : { lt: speakWait(seconds, 'lt'), en: speakWait(seconds, 'en') },
			position: (snapshot?.ahead ?? 0) + 1,
			method,
			basis: chosen ? chosen.basis : null,
			estimates,
			agentsServing: staff.agentsServing,
			agentsIdle: staff.agentsIdle,
			asOf: new Date(now).toISOString()
		};
	}

	/** Staffing what-ifs per topic (phone queues), recomputed at most every 5 seconds. */
	staffing(now = Date.now()): TopicStaffing[] {
		if (this.#staffingCache && now - this.#staffingCache.atMs < 5000) return this.#staffingCache.value;
		const value = this.#config.topics.map((t) => {
			const window = this.feed.window('voice', t.id);
			const load = window.load(window.lastS);
			return staffingFor(t, load, this.#staffFor(t.id));
		});
		this.#staffingCache = { atMs: now, value };
		return value;
	}

	/** Consultants list the topics they serve, not channels: a topic's chat and phone queues share them. */
	#staffFor(topic: string): StaffNow {
		return this.#staff.get(topic) ?? { agentsServing: 0, agentsIdle: 0 };
	}
}

type EstimateRow = {
	estimated_at: number;
	contact_id: string;
	channel: string;
	topic: string;
	method: EwtMethod;
	estimate_s: number | null;
	basis: string;
	ahead: number;
	agents_serving: number;
	announced: number;
	simulated: number;
};
