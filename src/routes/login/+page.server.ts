import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app.ts';
import { startSession, safeNext } from '$lib/server/auth/session.ts';
import { signInThrottle } from '$lib/server/auth/signInThrottle.ts';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.principal?.kind === 'user') redirect(303, safeNext(url.searchParams.get('next')));
	return { lang: locals.lang };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '');
		const password = String(form.get('password') ?? '');
		const name = username.trim().toLowerCase();
		const address = getClientAddress();
		const waitMs = signInThrottle.attempt(name, address);
		if (waitMs > 0) return fail(429, { username, throttledMinutes: Math.ceil(waitMs / 60_000) });
		const app = await getApp();
		const principal = await app.access.signIn(username, password);
		if (!principal) return fail(400, { username, failed: true });
		signInThrottle.succeeded(name, address);
		await startSession(cookies, app, principal.id, url);
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
