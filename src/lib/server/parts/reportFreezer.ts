/**
 * Freezes closed months on schedule (see reports/freezeSchedule.ts): checks shortly after the
 * start, so a month missed while the server was down is frozen then, and every hour after.
 * The first check waits a few minutes, and for `waitFor` (the demo's history, which a first
 * start backfills in the background): freezing last month halfway through would store half a
 * month, and a frozen month stays as it was stored.
 * Several servers may run this at once: the store keeps one body per revision.
 */
import type { ServerPart } from '../http/serve.ts';
import type { App } from '../app.ts';
import { WorkingCalendar } from '../calendar/workingDays.ts';
import { buildMonthlyReport } from '../reports/buildReport.ts';
import { monthToFreeze } from '../reports/freezeSchedule.ts';
import { freezeReport, latestStored } from '../reports/store.ts';

const WHOLE_CENTRE = { topic: null, site: null, channel: null };

export type FreezerOptions = {
	/** Delay of the first check (default 5 minutes) and between checks (default an hour). */
	firstCheckMs?: number;
	everyMs?: number;
	/** Resolves when the data the first check must see is in (serve: the demo's history). */
	waitFor?: () => Promise<unknown>;
	/** The clock (tests set the first working day). */
	now?: () => number;
	log?: (line: string) => void;
};

/** One check: freezes the month due by `now` unless it is stored already; returns what it did. */
export async function freezeDueMonth(app: Pick<App, 'config' | 'store'>, now: number): Promise<{ month: string; revision: number } | null> {
	const month = monthToFreeze(now, new WorkingCalendar(app.config));
	if (!month || (await latestStored(app.store.client, month, WHOLE_CENTRE))) return null;
	const report = await buildMonthlyReport(app.store.client, month, WHOLE_CENTRE, app.config, { now });
	const { report: stored } = await freezeReport(app.store.client, report, 'scheduled', now);
	return { month, revision: stored.stored?.revision ?? 0 };
}

export function reportFreezerPart(opts: FreezerOptions = {}): ServerPart {
	const log = opts.log ?? console.log;
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<void> = Promise.resolve();
	let stopped = false;
	return {
		name: 'report-freezer',
		start(app) {
			const check = async () => {
				const done = await freezeDueMonth(app, (opts.now ?? Date.now)());
				if (done) log(`reports: ${done.month} frozen as revision ${done.revision}`);
			};
			const tick = (delay: number) => {
				timer = setTimeout(() => {
					running = Promise.resolve(opts.waitFor?.())
						.then(() => (stopped ? undefined : check()))
						.catch((e: unknown) => log(`reports: freezing the closed month failed, retrying within the hour: ${(e as Error).message}`))
						.finally(() => !stopped && tick(opts.everyMs ?? 3_600_000));
				}, delay);
				timer.unref();
			};
			tick(opts.firstCheckMs ?? 300_000);
		},
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await running;
		}
	};
}
