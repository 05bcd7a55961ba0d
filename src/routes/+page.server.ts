import { getApp } from '$lib/server/app.ts';
import { localDateOf } from '$lib/server/stats/periodRange.ts';
import { liveViewData } from '$lib/server/live/viewData.ts';
import type { PageServerLoad } from './$types';

/** The dashboard's filter choices and the centre's "today"; figures are fetched by the page. */
export const load: PageServerLoad = async ({ locals }) => {
	const { config } = await getApp();
	const own = locals.principal?.site ?? null;
	return {
		timeZone: config.timeZone,
		today: localDateOf(Date.now(), config.timeZone),
		ownSite: own,
		topics: config.topics.map((t) => ({ id: t.id, name: t.name[locals.lang], goal: t.serviceLevelGoal, targetS: t.serviceLevelTargetSeconds })),
		sites: config.sites.filter((s) => own === null || s.id === own).map((s) => ({ id: s.id, name: s.name })),
		live: liveViewData(config, locals.lang, locals.principal ?? null)
	};
};
