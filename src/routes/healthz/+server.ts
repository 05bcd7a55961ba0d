import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { migrationStatus } from '$lib/server/clickhouse/migrate.ts';

/** Liveness and readiness for load balancers: ClickHouse answers and the schema is current. */
export const GET: RequestHandler = async () => {
	const app = await getApp();
	const checks: Record<string, string> = {};
	let ok = true;
	try {
		const ping = await app.store.client.ping();
		checks.clickhouse = ping.success ? 'ok' : `unreachable: ${String(ping.error?.message ?? 'no answer')}`;
		ok &&= ping.success;
		const status = await migrationStatus(app.store.client);
		checks.migrations = status.pending.length ? `pending: ${status.pending.join(', ')}` : 'current';
		ok &&= status.pending.length === 0;
	} catch (e) {
		ok = false;
		checks.error = (e as Error).message;
	}
	return new Response(JSON.stringify({ status: ok ? 'ok' : 'failing', mode: app.store.mode, checks }), {
		status: ok ? 200 : 503,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
};
