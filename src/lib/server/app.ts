/**
 * The application context of one process: configuration, the ClickHouse store (migrated),
 * access control and the session key. Created once, shared through globalThis by every
 * copy of the server code in the process (our entry, the SvelteKit bundle, Vite's dev SSR).
 */
import { randomBytes } from 'node:crypto';
import type { Config } from './config/schema.ts';
import { getConfig } from './config/index.ts';
import { ensureDatabase, getStore, type Store } from './clickhouse/client.ts';
import { migrate } from './clickhouse/migrate.ts';
import { AccessStore } from './auth/accessStore.ts';
import { startDefaultMetrics } from './observability/metrics.ts';
import { IngestService } from '../../../ingest/service.ts';
import { LiveHub } from './live/hub.ts';
import { changesOf } from './live/parts.ts';
import { onBatchInserted } from './live/inserted.ts';
import { AlertService } from './alerts/service.ts';
import { EwtService } from './ewt/ewtService.ts';
import { applyRejectedRetention } from '../../../ingest/rejectedRetention.ts';

export type App = {
	config: Config;
	store: Store;
	access: AccessStore;
	/** HMAC key for session cookies. */
	sessionKey: string;
	/** The ingest worker hosted by this process (API bodies, spool replay). */
	ingest: IngestService;
	/** Live state for screens: computed once per tick, sent to every subscriber. */
	live: LiveHub;
	/** Alert rules, the active alerts, their log and webhooks (src/lib/server/alerts). */
	alerts: AlertService;
	/** Estimated waits for the IVR, from queues kept in memory (src/lib/server/ewt). */
	ewt: EwtService;
	startedAt: number;
};

/**
 * How old a live part no new data has changed may be, when every write is heard of: the rolling
 * 15/60-minute windows and today's occupancy lag the clock by at most this (time in state, the
 * longest wait and ages are the tick's own, every second).
 */
const LIVE_PART_MAX_AGE_MS = 5_000;

export type StartOptions = { config?: Config; log?: (line: string) => void };

const KEY = Symbol.for('callboard.app');
type Holder = { [KEY]?: Promise<App> };

async function start(opts: StartOptions): Promise<App> {
	const config = opts.config ?? getConfig();
	const log = opts.log ?? ((line: string) => console.log(line));
	await ensureDatabase(config);
	const store = await getStore(config);
	const applied = await migrate(store.client, { log: (l) => log(`migrate: ${l}`) });
	if (applied.length) log(`migrate: ${applied.length} migration(s) applied`);
	if (await applyRejectedRetention(store.client, config.ingest.rejectedRetentionDays))
		log(`ingest: rejected records are kept ${config.ingest.rejectedRetentionDays} days`);
	const access = new AccessStore(store.client, config.sites.map((s) => s.id));
	const sessionKey =
		config.auth.sessionSecret ?? (await access.sharedSecret('session-key', () => randomBytes(32).toString('base64url')));
	startDefaultMetrics();
	const ingest = new IngestService(store.client, config, log);
	// Embedded chDB hears of every write (its writer is this process's): parts unchanged by new
	// data are read again every LIVE_PART_MAX_AGE_MS for the figures that move with the clock.
	// Other processes' writes to a ClickHouse server are not announced: every interval tick reads all.
	const partMaxAgeMs = config.wallboard.rereadMs ?? (store.mode === 'embedded' ? LIVE_PART_MAX_AGE_MS : undefined);
	const live = new LiveHub(store.client, config, 1_000, { partMaxAgeMs });
	const alerts = new AlertService(store.client, config, log);
	await alerts.init();
	live.alerts = alerts;
	live.start();
	// Embedded chDB is this process's alone (it locks its directory): every write comes through
	// this process's writer, which hands its call events to the EWT service's queues.
	const ewt = new EwtService(store.client, config, log, { ownsWrites: store.mode === 'embedded' });
	// New data: the boards' queues take it in memory, and the boards tick at once (live/inserted.ts).
	ingest.writer.onInserted = onBatchInserted(ewt, live);
	// The EWT service read new call events (another process's, with a ClickHouse server; or a
	// batch the engine took only in part).
	ewt.onApplied = (events) => {
		live.written(changesOf(['call_events'], events));
		live.nudge();
	};
	ewt.start();
	live.announcedWait = (topic) => (ewt.ready ? ewt.estimate(topic).seconds : undefined);
	live.queueNow = () => (ewt.ready ? (topic) => ewt.feed.waitingIn('voice', topic) : null);
	live.queueFeed = () => (ewt.ready ? ewt.feed : null);
	return { config, store, access, sessionKey, ingest, live, alerts, ewt, startedAt: Date.now() };
}

/** The process's application, started on first call (migrations included). */
export function getApp(opts: StartOptions = {}): Promise<App> {
	const g = globalThis as Holder;
	if (!g[KEY]) {
		g[KEY] = start(opts);
		g[KEY].catch(() => delete g[KEY]);
	}
	return g[KEY];
}

/** Forgets the app (tests and shutdown); the store is closed separately. */
export function resetApp(): void {
	delete (globalThis as Holder)[KEY];
}
