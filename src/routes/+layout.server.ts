import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	lang: locals.lang,
	user: locals.principal ? { name: locals.principal.name, role: locals.principal.role, site: locals.principal.site } : null
});
