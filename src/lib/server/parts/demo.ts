/**
 * A living centre from the first start: on an empty database the server backfills ten years
 * of simulated history and keeps simulated live calls flowing, so a newcomer's first screen
 * moves. Never when real data is there or a real source is configured (CALLBOARD_DEMO=off,
 * INGEST_SOURCE); simulated rows are marked and `callboard simulate --remove` deletes them.
 */
import type { ServerPart } from '../http/serve.ts';
import { backfillHistory, historyRange, simulatedCounts } from '../simulation/history.ts';
import { startLiveTraffic, type LiveRun } from '../simulation/live.ts';

export const DEMO_SEED = 20_260_101;

export function demoPart(log: (line: string) => void = console.log): ServerPart {
	const abort = new AbortController();
	let live: LiveRun | null = null;
	let backfill: Promise<unknown> = Promise.resolve();
	return {
		name: 'demo',
		async start(app) {
			if (!app.config.demo) return;
			const counts = await simulatedCounts(app.store.client);
			if (counts.real > 0) {
				log('demo: real data is present; no simulated traffic');
				return;
			}
			const args = { db: app.store.client, writer: app.ingest.writer, config: app.config };
			live = await startLiveTraffic({ ...args, seed: DEMO_SEED, speed: 1 });
			log('demo: simulated live calls are flowing (marked simulated; remove with "callboard simulate --remove")');
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
		},
		async stop() {
			abort.abort();
			await live?.stop();
			await backfill;
		}
	};
}
