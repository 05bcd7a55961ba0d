import { redirect, type Handle } from '@sveltejs/kit';
import { getApp } from '$lib/server/app.ts';
import { authenticate } from '$lib/server/auth/authenticate.ts';
import { acceptsUrlToken, isPublicPath, isWallboardPath, isWrite, requestedSite, routedPath, ruleFor, siteAllowed } from '$lib/server/http/guard.ts';
import { declaresBody, readSmallBody } from '$lib/server/http/body.ts';
import { pickLanguage } from '$lib/i18n/pick.ts';

/** Bodies of everything but ingest batches: forms and admin requests are a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024;
const INGEST_PATH = '/api/ingest';
const LOGOUT_PATH = '/logout';

function jsonError(status: number, message: string, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify({ error: message }), {
		status,
		headers: { 'content-type': 'application/json', ...headers }
	});
}

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const app = await getApp();
	const path = routedPath(event.url.pathname);
	if (path === null) return jsonError(400, 'the path is not valid percent-encoding');
	event.locals.lang = pickLanguage(event.cookies.get('lang'));
	const method = event.request.method;

	// A token in the URL only where a TV needs it (and only a wallboard token, authenticate.ts);
	// refused, not ignored, elsewhere, so whoever put it there learns where it belongs.
	const urlTokenHere = method === 'GET' && acceptsUrlToken(path);
	if (event.url.searchParams.get('token') && !urlTokenHere && !isPublicPath(path))
		return jsonError(401, 'a token in the URL is accepted only on the wallboard (/wallboard, /api/live); send it in the Authorization header', {
			'www-authenticate': 'Bearer realm="callboard"'
		});

	// Signing out asks nobody who is signing out (the cookie says it): it works while ClickHouse
	// cannot be reached, when looking the session up would fail the request.
	const { principal, badToken, problem } =
		path === LOGOUT_PATH
			? { principal: null, badToken: false, problem: undefined }
			: await authenticate(app, {
					authorization: event.request.headers.get('authorization'),
					queryToken: urlTokenHere ? event.url.searchParams.get('token') : null,
					cookies: (name) => event.cookies.get(name)
				});
	event.locals.principal = principal;

	// Cross-site request forgery: a write not authenticated by a bearer token (so one that may
	// ride on the browser's cookies, sign-in forms included) must come from our own origin.
	// Decided by how the request was authenticated, not by the header's look: a malformed
	// "Bearer" header falls back to the cookie.
	const byToken = principal !== null && principal.kind !== 'user';
	if (isWrite(method) && !byToken) {
		const origin = event.request.headers.get('origin');
		if (origin !== null && origin !== event.url.origin) return jsonError(403, 'cross-site request refused');
		const site = event.request.headers.get('sec-fetch-site');
		if (origin === null && site !== null && site !== 'same-origin' && site !== 'none')
			return jsonError(403, 'cross-site request refused');
	}

	// The server's body limit is the ingest batch's (32 MiB by default); every other request is a
	// form or a small JSON body. Refused before anything reads it: a sign-in form needs no
	// credentials, and 32 MiB forms in parallel were memory for the asking. (A chunked body
	// declares no length: it is counted as it arrives, below.)
	const declared = Number(event.request.headers.get('content-length') ?? 0);
	if (declared > MAX_BODY_BYTES && path !== INGEST_PATH) return jsonError(413, `a body here is at most ${MAX_BODY_BYTES} bytes`);
	// SvelteKit refuses the name with a bare Error (500): a 400 that says so.
	if (method === 'POST' && event.url.searchParams.has('/default'))
		return jsonError(400, 'a form is posted to the page itself: "?/default" is not an action name');

	if (!isPublicPath(path)) {
		const machine = path.startsWith('/api/') || path === '/metrics';
		if (!principal) {
			if (machine || badToken)
				return jsonError(401, problem ?? (badToken ? 'the token is unknown or revoked' : 'sign in or send a bearer token'), {
					'www-authenticate': 'Bearer realm="callboard"'
				});
			redirect(303, `/login?next=${encodeURIComponent(path + event.url.search)}`);
		}
		const rule = ruleFor(path);
		if (!rule.check(principal)) return jsonError(403, `this needs ${rule.what}`);
		const site = requestedSite(event.url, event.params);
		if (!siteAllowed(principal, site)) return jsonError(403, `this access is limited to site "${principal.site}"`);
		if (isWrite(method) && principal.role === 'wallboard') return jsonError(403, 'wallboard access is read-only');
		if (principal.role === 'wallboard' && !isWallboardPath(path)) {
			// A TV (or a wallboard user signed in at one) opening the dashboard goes to its board.
			if (path === '/') redirect(303, '/wallboard');
			return jsonError(403, 'wallboard access opens only the wallboard (/wallboard) and its live state (/api/live)');
		}
	}

	// A body is read here, its bytes counted as they arrive, for every path but ingest (its route
	// reads batches up to INGEST_MAX_BODY_BYTES the same way); the route then reads the copy.
	if (isWrite(method) && declaresBody(event.request.headers)) {
		// The node adapter passes no body without a Content-Type (serve.ts supplies one): never
		// answer as if an unread body had been empty.
		if (event.request.body === null) return jsonError(415, 'the body was not read: send a Content-Type header with it');
		if (path !== INGEST_PATH) {
			const read = await readSmallBody(event.request, MAX_BODY_BYTES);
			if ('refused' in read) return jsonError(read.refused, read.message);
			event.request = read.request;
		}
	}

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
	// Time in the server from this hook's start to the response (bench/ewt.ts reads it). Under
	// concurrent requests it includes the turns other requests take at this one's awaits.
	response.headers.set('server-timing', `app;dur=${(performance.now() - started).toFixed(3)}`);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	if (!response.headers.has('x-frame-options')) response.headers.set('x-frame-options', 'DENY');
	// The live socket's origin spelled out beside 'self': browsers older than CSP level 3 (a TV's
	// may be) do not count ws: and wss: as 'self', and the board would stay "stale".
	const csp = response.headers.get('content-security-policy');
	if (csp !== null) {
		const socketOrigin = `${event.url.protocol === 'https:' ? 'wss' : 'ws'}://${event.url.host}`;
		response.headers.set('content-security-policy', csp.replace("connect-src 'self'", `connect-src 'self' ${socketOrigin}`));
	}
	// Served over HTTPS (directly, or behind a proxy that says so: ORIGIN / PROTOCOL_HEADER), the
	// browser is told to come back over HTTPS only; over plain HTTP the header means nothing.
	if (event.url.protocol === 'https:') response.headers.set('strict-transport-security', 'max-age=31536000');
	return response;
};
