import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app.ts';
import { isAccessError, type AccessError } from '$lib/server/auth/accessStore.ts';
import { newPassword } from '$lib/server/auth/secrets.ts';
import { signedInUser } from '$lib/server/auth/principal.ts';
import { queryRows } from '$lib/server/clickhouse/sql.ts';

/**
 * The administration page: people who sign in and tokens for TVs and connectors, the same
 * operations as `callboard user` and `callboard token` (AccessStore), and the latest input the
 * ingest refused. Admins only: the guard refuses /admin to everyone else before this runs.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const { access, config, store } = await getApp();
	type Rejected = { received_ms: number; source: string; format: string; position: string; reason: string; raw: string };
	const [users, tokens, rejected] = await Promise.all([
		access.listUsers(),
		access.listTokens(),
		queryRows<Rejected>(store.client, 'ingest/rejected_latest', { limit: 20, source: '', max_raw: 300 })
	]);
	return {
		lang: locals.lang,
		// The signed-in admin's own name: the page offers no way to lock oneself out.
		self: signedInUser(locals.principal),
		timeZone: config.timeZone,
		sites: config.sites.map((s) => ({ id: s.id, name: s.name })),
		alertTopics: config.topics.map((t) => ({ id: t.id, name: t.name[locals.lang] })),
		users,
		// Revoked ones last: the list is for finding what is in use.
		tokens: [...tokens.filter((t) => !t.revoked), ...tokens.filter((t) => t.revoked)],
		// Input the ingest could not take, kept with its reason (the API gives more: /api/ingest/rejected).
		rejected
	};
};

const text = (form: FormData, key: string) => String(form.get(key) ?? '').trim();

/** A refusal the page says in the user's language (the store's own sentence is English). */
function refused(e: AccessError) {
	return fail(400, { problem: e.problem, message: e.message });
}

async function attempt<T>(run: () => Promise<T>) {
	try {
		return await run();
	} catch (e) {
		if (isAccessError(e)) return refused(e);
		throw e;
	}
}

export const actions: Actions = {
	addUser: async ({ request }) => {
		const form = await request.formData();
		const role = text(form, 'role');
		if (role !== 'supervisor' && role !== 'admin' && role !== 'wallboard') return fail(400, { problem: 'input', message: `unknown role "${role}"` });
		const username = text(form, 'username').toLowerCase();
		const password = newPassword();
		const site = role === 'wallboard' ? text(form, 'site') || null : null;
		const { access } = await getApp();
		return attempt(async () => {
			await access.addUser({ username, password, role, site, displayName: text(form, 'displayName') || undefined });
			return { password: { username, password } };
		});
	},
	resetPassword: async ({ request }) => {
		const username = text(await request.formData(), 'username');
		const password = newPassword();
		const { access } = await getApp();
		return attempt(async () => {
			await access.setPassword(username, password);
			return { password: { username, password } };
		});
	},
	disableUser: async ({ request, locals }) => {
		const username = text(await request.formData(), 'username');
		const { access } = await getApp();
		return attempt(async () => {
			await access.disableUser(username, signedInUser(locals.principal));
			return { done: 'disabled' as const };
		});
	},
	createToken: async ({ request, url }) => {
		const form = await request.formData();
		const role = text(form, 'role');
		if (role !== 'wallboard' && role !== 'ingest') return fail(400, { problem: 'input', message: `unknown role "${role}"` });
		const { access } = await getApp();
		const site = role === 'wallboard' ? text(form, 'site') || null : null;
		const streams = role === 'ingest' ? text(form, 'streams').split(',').map((s) => s.trim()).filter(Boolean) : null;
		return attempt(async () => {
			const { id, token } = await access.createToken({ name: text(form, 'name'), role, site, streams });
			// What to open on the TV: a TV has nobody to sign in, the token in the link is its access.
			const link = role === 'wallboard' ? `${url.origin}/wallboard${site ? `/${site}` : ''}?token=${token}` : null;
			return { token: { id, token, link } };
		});
	},
	revokeToken: async ({ request }) => {
		const id = text(await request.formData(), 'id');
		const { access } = await getApp();
		return attempt(async () => {
			await access.revokeToken(id);
			return { done: 'revoked' as const };
		});
	}
};
