import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { parseReportRequest } from '$lib/server/reports/request.ts';
import { monthlyReport } from '$lib/server/reports/monthlyReport.ts';
import { listStored } from '$lib/server/reports/store.ts';
import { addMonths, currentMonth } from '$lib/server/reports/month.ts';
import type { PageServerLoad } from './$types';

/** ?month=YYYY-MM (default: the last closed month)&site=&topic=&channel=&fresh=1 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const { config, store } = await getApp();
	const current = currentMonth(config.timeZone);
	const month = url.searchParams.get('month') || addMonths(current, -1);
	const req = parseReportRequest(month, url.searchParams, config, locals.principal, locals.lang);
	if (req instanceof Response) error(400, ((await req.json()) as { error: string }).error);
	const [report, stored] = await Promise.all([
		monthlyReport(store.client, req.month, req.filter, config, { fresh: req.fresh }),
		listStored(store.client, 60)
	]);
	return {
		report,
		stored,
		currentMonth: current,
		fresh: req.fresh,
		ownSite: locals.principal?.site ?? null,
		topics: config.topics.map((t) => ({ id: t.id, name: t.name[locals.lang] })),
		sites: config.sites.map((s) => ({ id: s.id, name: s.name }))
	};
};
