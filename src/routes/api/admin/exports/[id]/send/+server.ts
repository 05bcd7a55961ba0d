import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';
import { WorkingCalendar } from '$lib/server/calendar/workingDays.ts';
import { addCalendarDays } from '$lib/server/calendar/holidays.ts';
import { addMonths } from '$lib/server/reports/month.ts';
import { runSchedule, smtpSettings } from '$lib/server/exports/deliver.ts';
import { listSchedules } from '$lib/server/exports/scheduleStore.ts';

const PERIOD = { monthly: /^\d{4}-(0[1-9]|1[0-2])$/, interval: /^\d{4}-\d{2}-\d{2}$/ };

/**
 * "Send now": delivers one schedule's file at once, whatever the log says (logged like any
 * attempt). ?period= picks the month or day; by default the last closed month, or yesterday;
 * an XLSX interval report may be today's so far (marked partial).
 */
export const POST: RequestHandler = async ({ params, url }) => {
	const { store, config } = await getApp();
	const s = (await listSchedules(store.client)).find((x) => x.id === params.id);
	if (!s) return jsonProblem(404, `no schedule "${params.id}"`);
	const now = Date.now();
	const today = new WorkingCalendar(config).localDate(now);
	const period = url.searchParams.get('period') ?? (s.kind === 'monthly' ? addMonths(today.slice(0, 7), -1) : addCalendarDays(today, -1));
	// Today's intervals so far may go as XLSX, which marks the day partial; a CSV has no place to say so.
	const partialOk = s.kind === 'interval' && s.format === 'xlsx';
	if (!PERIOD[s.kind].test(period) || (s.kind === 'monthly' ? period >= today.slice(0, 7) : partialOk ? period > today : period >= today))
		return jsonProblem(
			400,
			partialOk
				? `period must be a day YYYY-MM-DD up to today, got "${period}"`
				: `period must be a closed ${s.kind === 'monthly' ? 'month YYYY-MM' : 'day YYYY-MM-DD'} before today, got "${period}"`
		);
	const outcomes = await runSchedule({ db: store.client, config, smtp: smtpSettings(config) }, s, now, { force: true, period });
	if (outcomes.length === 0) return jsonProblem(409, `${period} of this schedule is being delivered right now; see the send log`);
	return jsonResponse({ period, outcomes }, outcomes.every((o) => o.result === 'sent') ? 200 : 502);
};
