import { describe, expect, it } from 'vitest';
import { readMigrations, splitStatements } from '../../../src/lib/server/clickhouse/migrate.ts';

describe('migration files', () => {
	it('split into statements at line-ending semicolons, comments dropped', () => {
		const sql = `-- a comment; with a semicolon\nCREATE TABLE a (x String DEFAULT 'a;b') ENGINE = Log;\n\nCREATE TABLE b (y UInt8)\nENGINE = Log;\n`;
		expect(splitStatements(sql)).toEqual([
			"CREATE TABLE a (x String DEFAULT 'a;b') ENGINE = Log",
			'CREATE TABLE b (y UInt8)\nENGINE = Log'
		]);
	});

	// ALTERs that are idempotent by nature count too: MODIFY COLUMN IF EXISTS to a fixed type,
	// DROP … IF EXISTS, MODIFY TTL, and an UPDATE whose WHERE leaves out the rows it changed.
	it('are numbered, unique, and every statement is idempotent (IF [NOT] EXISTS, or an insert guarded by an emptiness check)', () => {
		const migrations = readMigrations();
		expect(migrations.length).toBeGreaterThan(1);
		for (const m of migrations)
			for (const s of m.statements)
				expect(s, `${m.name}: ${s.slice(0, 60)}`).toMatch(
					/IF (NOT )?EXISTS|^INSERT INTO [\s\S]*WHERE \(SELECT count\(\) FROM \w+\) = 0|^ALTER TABLE \w+ MODIFY TTL |^ALTER TABLE \w+ UPDATE [\s\S]+ WHERE /
				);
	});
});
