/**
 * The production server: SvelteKit's adapter-node handler inside our own http server, so
 * the same process can answer WebSocket upgrades and host the ingest worker (embedded
 * ClickHouse allows one process per data directory).
 */
import http from 'node:http';
import type { TLSSocket } from 'node:tls';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getApp, type App } from '../app.ts';
import { closeStore } from '../clickhouse/client.ts';
import { projectRoot } from '../clickhouse/paths.ts';
import { announceFirstAdminLink } from '../auth/firstAdmin.ts';
import { liveUpgradeHandler } from '../live/upgrade.ts';
import type { Config } from '../config/schema.ts';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

export type Running = { app: App; server: http.Server; url: string; close: () => Promise<void> };

/** Hooks other parts add to the running server (the live WebSocket, the ingest worker). */
export type ServerPart = {
	name: string;
	start(app: App, server: http.Server): Promise<void> | void;
	stop(): Promise<void> | void;
};

const PROTO_HEADER = 'x-callboard-proto';

/** How long a client still sending a body that was refused (413) may go on before it is cut off. */
const LINGER_MS = 5000;

/**
 * A body refused part-way (413: more arrived than the route takes) is not read on by the
 * adapter, and Node then neither reads it nor closes the connection. Cut off at once, the client,
 * still sending, saw a reset (EPIPE) instead of the 413 and its reason. So the rest is read and
 * dropped, nothing kept, for LINGER_MS at most, the way web servers linger on a close.
 */
function dropUnreadBody(req: http.IncomingMessage): void {
	if (req.complete || req.destroyed) return;
	req.removeAllListeners('data');
	req.on('data', () => {});
	req.resume();
	const timer = setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
	req.once('end', () => clearTimeout(timer));
}

function hasBody(h: http.IncomingHttpHeaders): boolean {
	return (h['content-length'] !== undefined && h['content-length'].trim() !== '0') || h['transfer-encoding'] !== undefined;
}

export async function serve(config: Config, parts: ServerPart[] = [], log = console.log): Promise<Running> {
	const handlerPath = join(projectRoot(), 'build', 'handler.js');
	if (!existsSync(handlerPath)) throw new Error(`${handlerPath} is missing: run "npm run build" first`);
	// :TRICKY: adapter-node assumes https when it cannot tell, which makes its CSRF check
	// refuse every form posted over plain http. Without ORIGIN we tell it the real protocol
	// of each connection (our own header, set below, so a client cannot spoof it).
	if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) process.env.PROTOCOL_HEADER = PROTO_HEADER;
	// adapter-node refuses bodies over BODY_SIZE_LIMIT (413); ingest batches are larger than its 512 KiB default.
	process.env.BODY_SIZE_LIMIT ??= String(config.ingest.maxBodyBytes);
	const app = await getApp({ config, log });
	const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: NodeHandler };

	const server = http.createServer((req, res) => {
		if (process.env.PROTOCOL_HEADER === PROTO_HEADER)
			req.headers[PROTO_HEADER] = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
		// :TRICKY: adapter-node hands SvelteKit no body at all when the request has no Content-Type
		// (what Node's fetch sends for bytes, and many connectors): an ingest batch was answered
		// "200, accepted 0" and lost. A body is bytes whatever its header says; forms then get
		// SvelteKit's 415 naming the type, JSON APIs parse it as JSON.
		if (req.headers['content-type'] === undefined && hasBody(req.headers)) req.headers['content-type'] = 'application/octet-stream';
		res.once('finish', () => dropUnreadBody(req));
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	server.on('upgrade', liveUpgradeHandler(() => getApp()));
	for (const part of parts) await part.start(app, server);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => resolve());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	const url = process.env.ORIGIN ?? `http://localhost:${port}`;
	log(`callboard listening on ${url} (ClickHouse ${app.store.mode}: ${app.store.where})`);
	if (config.auth.adminToken) log('  CALLBOARD_ADMIN_TOKEN is set: it is an admin bearer token for the API.');
	await announceFirstAdminLink(app.access, url, log);

	let closing: Promise<void> | undefined;
	const close = () =>
		(closing ??= (async () => {
			for (const part of [...parts].reverse()) await part.stop();
			await app.live.stop();
			await app.ewt.stop();
			await app.ingest.stop();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			await closeStore();
		})());
	return { app, server, url, close };
}
