import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app.ts';
import { isAccessError, type AccessError } from '$lib/server/auth/accessStore.ts';
import { newPassword } from '$lib/server/auth/secrets.ts';
import { signedInUser } from '$lib/server/auth/principal.ts';
import { queryRows } from '$lib/server/clickhouse/sql.ts';
import { genesysStatus } from '../../../ingest/sources/genesys/connector.ts';

/**
 * The administration page: people who sign in and tokens for TVs and connectors, the same
 * operations as `callboard user` and `callboard token` (AccessStore), and the latest input the
 * ingest refused. Admins only: the guard refuses /admin to everyone else before this runs.
 */
/** Characters of a rejected record's text shown on the page. */
const RAW_CHARS = 160;

export const load: PageServerLoad = async ({ locals }) => {
	const { access, config, store } = await getApp();
	type ByReason = {
		reason: string; n: number; received_ms: number; source: string; format: string; position: string; detail: string; raw: string; raw_chars: number;
	};
	const [users, tokens, rejected] = await Promise.all([
		access.listUsers(),
		access.listTokens(),
		// Shortened: the page shows what kind of mistake, the API the records themselves.
		queryRows<ByReason>(store.client, 'ingest/rejected_by_reason', { source: '', max_raw: RAW_CHARS, max_detail: 300 })
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
		// Input the ingest could not take, by reason class with the latest example of each
		// (the API lists the records: /api/ingest/rejected?reason=…).
		rejected,
		rawChars: RAW_CHARS,
		rejectedRetentionDays: config.ingest.rejectedRetentionDays,
		genesys: genesysStatus()
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
		const site = role === 'admin' ? null : text(form, 'site') || null;
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
