import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { canOperate } from '$lib/server/auth/principal.ts';
import { liveViewData } from '$lib/server/live/viewData.ts';
import { liveText } from '$lib/i18n/live.ts';
import type { PageServerLoad } from './$types';

/**
 * Consultants one by one, for the centre or one site (`?site=`): supervisors and admins only
 * (names: GDPR). A site leader sees his own site; another site's ?site= is refused (403) by
 * hooks.server.ts (siteAllowed) before this runs.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const principal = locals.principal ?? null;
	if (!canOperate(principal)) error(403, liveText(locals.lang)('consultants.notAllowed'));
	const { config } = await getApp();
	const site = principal!.site ?? (url.searchParams.get('site') || null);
	if (site !== null && !config.sites.some((s) => s.id === site)) error(404, `unknown site "${site}"`);
	return {
		timeZone: config.timeZone,
		site,
		siteName: site === null ? null : config.sites.find((s) => s.id === site)!.name,
		ownSite: principal!.site,
		live: liveViewData(config, locals.lang, principal)
	};
};
