/**
 * Applies sql/migrations/NNNN_name.sql in order and records each in a ledger
 * (name, checksum, time). A file that was applied and then edited is refused: a schema
 * change is a new numbered file. Statements are idempotent (IF NOT EXISTS), so a run
 * cut short is safely run again, and two processes starting together do no harm.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { ClickHouseClient } from '@clickhouse/client';
import { sqlDir } from './paths.ts';

export type Migration = { name: string; checksum: string; statements: string[] };
export type MigrationStatus = { applied: string[]; pending: string[] };

export class MigrationError extends Error {
	override name = 'MigrationError';
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
	name String,
	checksum String,
	applied_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(applied_at) ORDER BY name`;

/** Splits a file into statements at semicolons that end a line; `--` comments are dropped. */
export function splitStatements(sql: string): string[] {
	const withoutComments = sql
		.split('\n')
		.map((line) => (line.trimStart().startsWith('--') ? '' : line))
		.join('\n');
	return withoutComments
		.split(/;\s*$/m)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}

export function readMigrations(dir = sqlDir('migrations')): Migration[] {
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.sql'))
		.sort();
	const seen = new Set<string>();
	return files.map((file) => {
		const m = /^(\d{4})_[a-z0-9_]+\.sql$/.exec(file);
		if (!m) throw new MigrationError(`migration file "${file}" must be named NNNN_lower_case_name.sql`);
		if (seen.has(m[1]!)) throw new MigrationError(`two migrations are numbered ${m[1]}`);
		seen.add(m[1]!);
		const text = readFileSync(`${dir}/${file}`, 'utf8');
		return {
			name: file,
			checksum: createHash('sha256').update(text).digest('hex'),
			statements: splitStatements(text)
		};
	});
}

async function ledger(client: ClickHouseClient): Promise<Map<string, string>> {
	await client.command({ query: LEDGER });
	const rs = await client.query({
		query: 'SELECT name, argMax(checksum, applied_at) AS checksum FROM schema_migrations GROUP BY name',
		format: 'JSONEachRow'
	});
	const rows = await rs.json<{ name: string; checksum: string }>();
	return new Map(rows.map((r) => [r.name, r.checksum]));
}

function refuseEdited(migrations: Migration[], applied: Map<string, string>): void {
	for (const m of migrations) {
		const was = applied.get(m.name);
		if (was && was !== m.checksum)
			throw new MigrationError(
				`migration ${m.name} was edited after it was applied (checksum ${was.slice(0, 12)} in the ledger, ` +
					`${m.checksum.slice(0, 12)} on disk). Restore the file and put the change in a new migration.`
			);
	}
}

export async function migrationStatus(client: ClickHouseClient, dir?: string): Promise<MigrationStatus> {
	const migrations = readMigrations(dir);
	const applied = await ledger(client);
	refuseEdited(migrations, applied);
	return {
		applied: migrations.filter((m) => applied.has(m.name)).map((m) => m.name),
		pending: migrations.filter((m) => !applied.has(m.name)).map((m) => m.name)
	};
}

/** Applies pending migrations; returns the names applied in this run. */
export async function migrate(
	client: ClickHouseClient,
	opts: { dir?: string; log?: (line: string) => void } = {}
): Promise<string[]> {
	const migrations = readMigrations(opts.dir);
	const applied = await ledger(client);
	refuseEdited(migrations, applied);
	const done: string[] = [];
	for (const m of migrations) {
		if (applied.has(m.name)) continue;
		opts.log?.(`applying ${m.name} (${m.statements.length} statements)`);
		for (const [i, statement] of m.statements.entries()) {
			try {
				await client.command({ query: statement });
			} catch (e) {
				throw new MigrationError(`${m.name}, statement ${i + 1}: ${(e as Error).message}`);
			}
		}
		await client.insert({
			table: 'schema_migrations',
			values: [{ name: m.name, checksum: m.checksum, applied_at: Date.now() }],
			format: 'JSONEachRow'
		});
		done.push(m.name);
	}
	return done;
}
