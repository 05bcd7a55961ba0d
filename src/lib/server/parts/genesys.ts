/**
 * The server runs the Genesys Cloud connector when INGEST_SOURCE names `genesys`. A setup
 * problem (secret, region, permission) stops the connector with one line; the server runs on.
 */
import type { ServerPart } from '../http/serve.ts';
import { GenesysConnector } from '../../../../ingest/sources/genesys/connector.ts';

export function genesysPart(env: Record<string, string | undefined> = process.env): ServerPart {
	const abort = new AbortController();
	let running: Promise<void> | null = null;
	return {
		name: 'genesys',
		async start(app) {
			if (!app.config.genesys.live) return;
			const connector = new GenesysConnector({ db: app.store.client, writer: app.ingest.writer, config: app.config, env, signal: abort.signal });
			running = connector.run().catch((e: unknown) => console.error(`genesys: stopped: ${(e as Error).message}`));
		},
		async stop() {
			abort.abort();
			await running;
		}
	};
}
