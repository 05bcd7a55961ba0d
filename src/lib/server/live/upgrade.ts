/**
 * The /live WebSocket endpoint, the same in production (our http server) and in Vite dev
 * (a plugin): authenticate before the upgrade, answer 401/403 on the raw socket otherwise.
 * A site-limited principal gets its site's view; others may ask for one with ?site=.
 *
 * :TRICKY: a browser never sees these statuses: its WebSocket just closes, as if the network
 * were down. The wallboard then asks GET /api/live with the same query and cookies to learn
 * why (src/routes/wallboard/refusal.ts), so a credential refused here (401/403) must be refused
 * there too by hooks.server.ts; a revoked token otherwise left a TV showing "stale" all day.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { App } from '../app.ts';
import { authenticate, cookieReader } from '../auth/authenticate.ts';
import { canRead, type Principal } from '../auth/principal.ts';
import { routedPath } from '../http/guard.ts';
import { maySeeConsultants } from './consultants.ts';

export const LIVE_PATH = '/live';

function refuse(socket: Duplex, status: number, message: string): void {
	const reason = ({ 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' } as Record<number, string>)[status] ?? 'Bad Request';
	socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
}

/**
 * Returns an `upgrade` listener. `exclusive` (production): every other upgrade is refused;
 * otherwise (Vite dev) other paths are left to others, such as Vite's HMR socket.
 */
export function liveUpgradeHandler(getApp: () => Promise<App>, opts: { exclusive: boolean } = { exclusive: true }) {
	// Compression off: the frames are small and compressing them per client costs more than it saves.
	const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 4096 });
	return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const path = routedPath(url.pathname);
		if (path !== LIVE_PATH) {
			if (opts.exclusive) refuse(socket, 404, 'no WebSocket here');
			return;
		}
		void (async () => {
			try {
				const app = await getApp();
				const credentials = {
					authorization: req.headers.authorization,
					queryToken: url.searchParams.get('token'),
					cookies: cookieReader(req.headers.cookie)
				};
				const { principal, badToken, problem } = await authenticate(app, credentials);
				if (!principal) return refuse(socket, 401, problem ?? (badToken ? 'the token is unknown or revoked' : 'sign in or send a token'));
				// A browser sends its cookies with a WebSocket from any page of the same site: a
				// screen signed in by its cookie must be one of our pages. Decided by how it was
				// authenticated: an empty ?token= used to skip this check and fall back to the cookie.
				const origin = req.headers.origin;
				const ownOrigin = `${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${req.headers.host}`;
				if (principal.kind === 'user' && origin && origin !== ownOrigin && origin !== process.env.ORIGIN)
					return refuse(socket, 403, 'cross-site WebSocket refused');
				const asked = url.searchParams.get('site');
				const view = principal.site ?? asked ?? 'all';
				if (asked && asked !== view) return refuse(socket, 403, `this access is limited to site "${principal.site}"`);
				if (view !== 'all' && !app.config.sites.some((s) => s.id === view)) return refuse(socket, 400, `unknown site "${view}"`);
				const mayRead = (p: Principal) => canRead(p, view === 'all' ? null : view) || (p.site === null && p.role !== 'ingest');
				if (!mayRead(principal)) return refuse(socket, 403, 'this needs a reader (supervisor, admin or wallboard)');
				// Consultants one by one (names) only to those who supervise them (consultants.ts).
				const names = maySeeConsultants(principal, app.config);
				// The same credentials, asked again while the socket is open (the hub's RECHECK_MS).
				const stillAllowed = async () => {
					const again = (await authenticate(app, credentials)).principal;
					return again !== null && (again.site ?? view) === view && mayRead(again) && (!names || maySeeConsultants(again, app.config));
				};
				wss.handleUpgrade(req, socket, head, (ws) =>
					void app.live.subscribe(ws, view, stillAllowed, names, { who: principal.name || principal.id, role: principal.role, address: req.socket.remoteAddress ?? '' })
				);
			} catch (e) {
				refuse(socket, 503, `live view unavailable: ${(e as Error).message}`);
			}
		})();
	};
}
