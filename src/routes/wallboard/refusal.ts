/**
 * Why the live socket was refused, when it was. A refused WebSocket upgrade (401/403 on the
 * raw socket, src/lib/server/live/upgrade.ts) reaches the browser as a bare close, the same as
 * a network failure; the board then showed "stale since" all day on a revoked token. GET
 * /api/live sits behind the same access rules and, asked with the same credentials, says why.
 */

/** token: the ?token= is revoked or unknown; signIn: no token and no (valid) session; forbidden: the credentials may not show this view. */
export type Refusal = 'token' | 'signIn' | 'forbidden';

/** The GET /api/live address asking with the same credentials and view as the socket at `wsUrl`. */
export function probeUrlFor(wsUrl: string): string {
	const url = new URL(wsUrl);
	url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
	url.pathname = '/api/live';
	return url.toString();
}

/** What an answer from GET /api/live says about the socket's refusal; null when it was not one. */
export function refusalFor(status: number, viaToken: boolean): Refusal | null {
	if (status === 401) return viaToken ? 'token' : 'signIn';
	if (status === 403) return 'forbidden';
	return null;
}

/** Where a signed-out supervisor goes: the sign-in page, then back to this board. */
export function loginUrlFor(location: Pick<Location, 'pathname' | 'search'>): string {
	return `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
}
