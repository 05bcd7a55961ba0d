import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app.ts';
import { isAccessError } from '$lib/server/auth/accessStore.ts';
import { startSession } from '$lib/server/auth/session.ts';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/passwords.ts';

/** First-admin set-up through the one-time link the server printed at start. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const app = await getApp();
	const code = url.searchParams.get('code') ?? '';
	const valid = code !== '' && !(await app.access.hasActiveAdmin()) && (await app.access.setupCodeValid(code));
	return { lang: locals.lang, valid, code, minPasswordLength: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const app = await getApp();
		const form = await request.formData();
		const code = String(form.get('code') ?? '');
		const username = String(form.get('username') ?? '');
		const password = String(form.get('password') ?? '');
		if (password !== String(form.get('password2') ?? '')) return fail(400, { username, problem: 'mismatch' });
		try {
			if ((await app.access.createFirstAdmin(code, username, password)) === 'invalid') return fail(400, { username, problem: 'invalid' });
		} catch (e) {
			// The store's sentences are English (the CLI and the API show them); the page says its own.
			if (isAccessError(e)) return fail(400, { username, problem: e.problem === 'other' ? 'refused' : e.problem });
			throw e;
		}
		await startSession(cookies, app, username.trim().toLowerCase(), url);
		redirect(303, '/');
	}
};

