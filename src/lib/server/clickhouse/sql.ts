/**
 * Named SQL: every read query lives in sql/queries/<name>.sql with {name:Type}
 * parameters, loaded once and bound by the server. Values are never pasted into SQL.
 */
import { readFileSync } from 'node:fs';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { sqlDir } from './paths.ts';

const cache = new Map<string, string>();

export function sqlText(name: string): string {
	let text = cache.get(name);
	if (text === undefined) {
		if (!/^[a-z0-9_/-]+$/.test(name)) throw new Error(`bad query name "${name}"`);
		text = readFileSync(sqlDir('queries', `${name}.sql`), 'utf8');
		cache.set(name, text);
	}
	return text;
}

export type Params = Record<string, unknown>;

/** Runs sql/queries/<name>.sql and returns its rows. */
export async function queryRows<T>(
	client: ClickHouseClient,
	name: string,
	params: Params = {},
	settings?: ClickHouseSettings
): Promise<T[]> {
	const rs = await client.query({
		query: sqlText(name),
		query_params: params,
		format: 'JSONEachRow',
		clickhouse_settings: settings
	});
	return rs.json<T>();
}

/** Runs a named statement that returns nothing (ALTER, DELETE, INSERT … SELECT). */
export async function runStatement(client: ClickHouseClient, name: string, params: Params = {}): Promise<void> {
	await client.command({ query: sqlText(name), query_params: params });
}
