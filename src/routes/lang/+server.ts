import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { safeNext } from '$lib/server/auth/session.ts';

/** The language switch: remembers the choice for a year and goes back. */
export const GET: RequestHandler = ({ url, cookies }) => {
	const to = url.searchParams.get('to') === 'en' ? 'en' : 'lt';
	cookies.set('lang', to, { path: '/', maxAge: 365 * 86400, httpOnly: false, sameSite: 'lax', secure: url.protocol === 'https:' });
	redirect(303, safeNext(url.searchParams.get('next')));
};
