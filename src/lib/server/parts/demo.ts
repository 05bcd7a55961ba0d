/**
 * A living centre from the first start: on an empty database the server backfills ten years
 * of simulated history and keeps simulated live calls flowing, so a newcomer's first screen
 * moves. Never when real data is there or a real source is configured (CALLBOARD_DEMO=off,
 * INGEST_SOURCE); simulated rows are marked and `callboard simulate --remove` deletes them.
 * When the first real contact arrives while it runs (a PBX connected to a demo installation,
 * through this server or another process), the demo stops: simulated calls must not keep mixing
 * into a real centre's figures. The log says how to remove what it left.
 */
import type { ServerPart } from '../http/serve.ts';
import type { App } from '../app.ts';
import { queryRows } from '../clickhouse/sql.ts';
import { backfillHistory, historyRange, simulatedCounts } from '../simulation/history.ts';
import { startLiveTraffic, type LiveRun } from '../simulation/live.ts';

export const DEMO_SEED = 20_260_101;

/** How often a running demo looks for real contacts. */
const REAL_DATA_CHECK_MS = 5_000;

export type DemoPart = ServerPart & {
	/** Resolves once the history a first start backfills is in (at once when there is none to load). */
	historyLoaded(): Promise<void>;
};

export function demoPart(log: (line: string) => void = console.log): DemoPart {
	const abort = new AbortController();
	let live: LiveRun | null = null;
	let backfill: Promise<unknown> = Promise.resolve();
	let watcher: NodeJS.Timeout | null = null;
	const halt = async () => {
		if (watcher) clearInterval(watcher);
		watcher = null;
		abort.abort();
		await live?.stop();
		live = null;
		await backfill;
	};
	let markStarted: () => void;
	const startDone = new Promise<void>((r) => (markStarted = r));
	return {
		name: 'demo',
		async historyLoaded() {
			await startDone;
			await backfill;
		},
		async start(app) {
			try {
				await begin(app);
			} finally {
				markStarted();
			}
		},
		async stop() {
			await halt();
		}
	};

	async function begin(app: App): Promise<void> {
		if (!app.config.demo) return;
		const counts = await simulatedCounts(app.store.client);
		if (counts.real > 0) {
			log('demo: real data is present; no simulated traffic');
			return;
		}
		const args = { db: app.store.client, writer: app.ingest.writer, config: app.config };
		live = await startLiveTraffic({ ...args, seed: DEMO_SEED, speed: 1 });
		log('demo: simulated live calls are flowing (marked simulated; remove with "callboard simulate --remove")');
		watcher = setInterval(async () => {
			const found = await queryRows<{ found: number }>(app.store.client, 'simulated/real_exists').catch(() => []);
			if (found.length === 0 || !watcher) return;
			await halt();
			log('demo: real calls arrived; simulated traffic stopped. Remove the simulated data with "callboard simulate --remove" (with the server stopped)');
		}, REAL_DATA_CHECK_MS);
		watcher.unref();
		if (counts.simulated > 0) return;
		const years = app.config.demoYears;
		const range = historyRange(app.config, years, DEMO_SEED, Date.now());
		log(`demo: backfilling ${years} years of simulated history in the background…`);
		const started = Date.now();
		let lastLog = started;
		backfill = backfillHistory({
			...args,
			range,
			signal: abort.signal,
			onProgress: (n) => {
				if (Date.now() - lastLog < 10_000) return;
				lastLog = Date.now();
				log(`demo: history ${n.toLocaleString('en-US')} contacts so far`);
			}
		}).then(
			(r) => !abort.signal.aborted && log(`demo: history done, ${r.accepted.toLocaleString('en-US')} contacts in ${((Date.now() - started) / 1000).toFixed(0)} s`),
			(e: unknown) => log(`demo: history backfill stopped: ${(e as Error).message}`)
		);
	}
}
