import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { wallboardData } from './wallboardData.ts';
import type { PageServerLoad } from './$types';

/** The centre view. A token limited to one site gets its own site's view instead. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const own = locals.principal?.site ?? null;
	if (own !== null) redirect(303, `/wallboard/${encodeURIComponent(own)}${url.search}`);
	const { config } = await getApp();
	return wallboardData(config, locals.lang, null);
};
