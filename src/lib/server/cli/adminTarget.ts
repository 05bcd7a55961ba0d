/**
 * Where `user` and `token` commands act: directly on ClickHouse, or through a running
 * server's admin API (--server URL --token T). In embedded mode the server holds the data
 * directory, so the API is the only way while it runs.
 */
import { getConfig } from '../config/index.ts';
import { closeStore, ensureDatabase, getStore } from '../clickhouse/client.ts';
import { migrate } from '../clickhouse/migrate.ts';
import { AccessStore } from '../auth/accessStore.ts';

export type Remote = { server: string; token: string };

export async function withLocalAccess<T>(fn: (access: AccessStore) => Promise<T>): Promise<T> {
	const config = getConfig();
	await ensureDatabase(config);
	const store = await getStore(config);
	try {
		await migrate(store.client);
		return await fn(new AccessStore(store.client));
	} finally {
		await closeStore();
	}
}

export async function callApi<T>(remote: Remote, method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(new URL(path, remote.server), {
		method,
		headers: { authorization: `Bearer ${remote.token}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await res.text();
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = { error: text };
	}
	if (!res.ok) throw new Error(`${res.status} from ${remote.server}: ${(parsed as { error?: string }).error ?? text}`);
	return parsed as T;
}

export function remoteFrom(values: { server?: string; token?: string }): Remote | null {
	if (!values.server) return null;
	const token = values.token ?? process.env.CALLBOARD_TOKEN ?? process.env.CALLBOARD_ADMIN_TOKEN;
	if (!token) throw new Error('--server needs --token (or CALLBOARD_TOKEN / CALLBOARD_ADMIN_TOKEN in the environment)');
	return { server: values.server, token };
}
