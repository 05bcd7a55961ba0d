import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { parseReportRequest } from '$lib/server/reports/request.ts';
import { requestedReport } from '$lib/server/reports/monthlyReport.ts';
import { listStored } from '$lib/server/reports/store.ts';
import { MonthError, addMonths, currentMonth, parseMonth } from '$lib/server/reports/month.ts';
import type { PageServerLoad } from './$types';

/** ?month=YYYY-MM (default: the last closed month)&site=&topic=&channel=&fresh=1|revision=N */
export const load: PageServerLoad = async ({ url, locals }) => {
	const { config, store } = await getApp();
	const current = currentMonth(config.timeZone);
	const month = url.searchParams.get('month') || addMonths(current, -1);
	// The page speaks the user's language; the API's sentences (parseReportRequest) are English.
	const lt = locals.lang === 'lt';
	try {
		parseMonth(month, config.timeZone);
	} catch (e) {
		if (e instanceof MonthError) error(400, lt ? e.lt : e.message);
		throw e;
	}
	const req = parseReportRequest(month, url.searchParams, config, locals.principal, locals.lang);
	if (req instanceof Response) {
		const problem = ((await req.json()) as { error: string }).error;
		error(400, lt ? 'Ataskaitos adrese yra netinkamų parametrų (tema, padalinys, kanalas arba versija). Pasirinkite ataskaitą iš naujo.' : problem);
	}
	const [report, stored] = await Promise.all([requestedReport(store.client, req, config), listStored(store.client, 60)]);
	if (!report) error(404, lt ? `${req.month}: su šiais filtrais išsaugotos versijos Nr. ${req.revision} nėra.` : `${req.month}: no stored revision ${req.revision} for this selection`);
	return {
		report,
		stored,
		currentMonth: current,
		fresh: req.fresh,
		revision: req.revision,
		ownSite: locals.principal?.site ?? null,
		topics: config.topics.map((t) => ({ id: t.id, name: t.name[locals.lang] })),
		sites: config.sites.map((s) => ({ id: s.id, name: s.name }))
	};
};
