import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { wallboardData } from '../wallboardData.ts';
import type { PageServerLoad } from './$types';

/** One site's view. The guard in hooks.server.ts has already refused another site's token (403). */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { config } = await getApp();
	if (!config.sites.some((s) => s.id === params.site))
		error(404, locals.lang === 'lt' ? `Padalinio „${params.site}“ nėra.` : `There is no site "${params.site}".`);
	return wallboardData(config, locals.lang, params.site);
};
