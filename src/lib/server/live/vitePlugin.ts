/**
 * The /live WebSocket in `vite dev` and `vite preview`: the same upgrade handler as the
 * production server, attached to Vite's own http server (Vite's HMR socket is left alone).
 */
import type { Plugin } from 'vite';
import type { Server } from 'node:http';

export function liveWebSocket(): Plugin {
	const attach = async (httpServer: Server | null) => {
		if (!httpServer) return;
		// Loaded lazily: the server modules (chDB, ClickHouse) are not needed to build.
		const { liveUpgradeHandler } = await import('./upgrade.ts');
		const { getApp } = await import('../app.ts');
		httpServer.on('upgrade', liveUpgradeHandler(() => getApp(), { exclusive: false }));
	};
	return {
		name: 'callboard-live-websocket',
		configureServer: (server) => attach(server.httpServer as Server | null),
		configurePreviewServer: (server) => attach(server.httpServer as Server)
	};
}
