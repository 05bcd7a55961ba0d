/**
 * Runs the scheduled exports (src/lib/server/exports/deliver.ts), hooked like the report
 * freezer: a first check a few minutes after the start (after the freezer's, so the closed
 * month is stored), then every few minutes, which is also the finest retry pause. One check
 * at a time; the send log decides what is still owed, so a restart resends nothing.
 */
import type { ServerPart } from '../http/serve.ts';
import type { App } from '../app.ts';
import { runSchedule, smtpSettings, type ExportContext } from '../exports/deliver.ts';
import { listSchedules } from '../exports/scheduleStore.ts';

export type ExportSchedulerOptions = { firstCheckMs?: number; everyMs?: number; now?: () => number; log?: (line: string) => void };

/** One pass over every schedule; returns how many deliveries it attempted. */
export async function runDueExports(app: Pick<App, 'config' | 'store'>, now: number, log: (line: string) => void = console.log): Promise<number> {
	const ctx: ExportContext = { db: app.store.client, config: app.config, smtp: smtpSettings(app.config) };
	let n = 0;
	for (const s of await listSchedules(ctx.db)) {
		try {
			for (const o of await runSchedule(ctx, s, now)) {
				n++;
				log(`exports: ${s.id} ${o.file} → ${o.target}: ${o.result}${o.error ? ` (${o.error})` : ''}`);
			}
		} catch (e) {
			// Making the file failed (the database): nothing was logged, so the next pass tries again.
			log(`exports: schedule ${s.id} could not be prepared, trying again later: ${(e as Error).message}`);
		}
	}
	return n;
}

export function exportSchedulerPart(opts: ExportSchedulerOptions = {}): ServerPart {
	const log = opts.log ?? console.log;
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<unknown> = Promise.resolve();
	let stopped = false;
	return {
		name: 'export-scheduler',
		start(app) {
			const tick = (delay: number) => {
				timer = setTimeout(() => {
					running = runDueExports(app, (opts.now ?? Date.now)(), log)
						.catch((e: unknown) => log(`exports: check failed, trying again: ${(e as Error).message}`))
						.finally(() => !stopped && tick(opts.everyMs ?? 300_000));
				}, delay);
				timer.unref();
			};
			tick(opts.firstCheckMs ?? 420_000);
		},
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await running;
		}
	};
}
