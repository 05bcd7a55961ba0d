/**
 * Freezes closed months on schedule (see reports/freezeSchedule.ts): checks shortly after the
 * start, so a month missed while the server was down is frozen then, and every hour after.
 * The first check waits a few minutes: on a first start the demo backfills history in the
 * background, and freezing last month halfway through would store half a month.
 * Several servers may run this at once: the store keeps one body per revision.
 */
import type { ServerPart } from '../http/serve.ts';
import { WorkingCalendar } from '../calendar/workingDays.ts';
import { buildMonthlyReport } from '../reports/buildReport.ts';
import { monthToFreeze } from '../reports/freezeSchedule.ts';
import { freezeReport, latestStored } from '../reports/store.ts';

const WHOLE_CENTRE = { topic: null, site: null, channel: null };

export function reportFreezerPart(opts: { firstCheckMs?: number; everyMs?: number; log?: (line: string) => void } = {}): ServerPart {
	const log = opts.log ?? console.log;
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<void> = Promise.resolve();
	let stopped = false;
	return {
		name: 'report-freezer',
		start(app) {
			const calendar = new WorkingCalendar(app.config);
			const check = async () => {
				const month = monthToFreeze(Date.now(), calendar);
				if (!month || (await latestStored(app.store.client, month, WHOLE_CENTRE))) return;
				const report = await buildMonthlyReport(app.store.client, month, WHOLE_CENTRE, app.config);
				const { report: stored } = await freezeReport(app.store.client, report, 'scheduled');
				log(`reports: ${month} frozen as revision ${stored.stored?.revision}${report.empty ? ' (no traffic)' : ''}`);
			};
			const tick = (delay: number) => {
				timer = setTimeout(() => {
					running = check()
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
