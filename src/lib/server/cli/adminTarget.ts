/**
 * Where `user` and `token` commands act: directly on ClickHouse, or through a running
 * server's admin API (--server URL --token T). In embedded mode the server holds the data
 * directory, so the API is the only way while it runs.
 */
import { getConfig } from '../config/index.ts';
import { closeStore, ensureDatabase, getStore } from '../clickhouse/client.ts';
import { migrate } from '../clickhouse/migrate.ts';
import { AccessStore } from '../auth/accessStore.ts';
import { UsageError } from './args.ts';

export type Remote = { server: string; token: string };

/** The server refused a request or could not be reached: said in one line, without a stack. */
export class RemoteError extends Error {
	override name = 'RemoteError';
}

/** A refusal as a person reads it: status, server, the server's own message, what to do. */
export function refused(remote: Remote, status: number, text: string, hint = ''): RemoteError {
	let message = text;
	try {
		message = (JSON.parse(text) as { error?: string }).error ?? text;
	} catch {
		// not JSON: the text as it came
	}
	return new RemoteError(`${status} from ${remote.server}: ${message.trim()}${hint && ` (${hint})`}`);
}

/** fetch, with an unreachable server said plainly. */
export async function send(remote: Remote, url: URL, init: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (e) {
		const cause = (e as { cause?: { code?: string; message?: string } }).cause;
		throw new RemoteError(`cannot reach ${remote.server}: ${cause?.code ?? cause?.message ?? (e as Error).message}`, { cause: e });
	}
}

export async function withLocalAccess<T>(fn: (access: AccessStore) => Promise<T>): Promise<T> {
	const config = getConfig();
	await ensureDatabase(config);
	const store = await getStore(config);
	try {
		await migrate(store.client);
		return await fn(new AccessStore(store.client, config.sites.map((s) => s.id)));
	} finally {
		await closeStore();
	}
}

export async function callApi<T>(remote: Remote, method: string, path: string, body?: unknown): Promise<T> {
	const res = await send(remote, new URL(path, remote.server), {
		method,
		headers: { authorization: `Bearer ${remote.token}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await res.text();
	if (!res.ok) throw refused(remote, res.status, text);
	return JSON.parse(text) as T;
}

export function remoteFrom(values: { server?: string; token?: string }): Remote | null {
	if (!values.server) return null;
	const token = values.token ?? process.env.CALLBOARD_TOKEN ?? process.env.CALLBOARD_ADMIN_TOKEN;
	if (!token) throw new UsageError('--server needs --token (or CALLBOARD_TOKEN / CALLBOARD_ADMIN_TOKEN in the environment)');
	return { server: values.server, token };
}
