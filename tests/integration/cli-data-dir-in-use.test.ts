/**
 * A command run beside the process that holds the embedded data directory (the usual case: a
 * running server) says so and how to go on, without a stack trace.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { callboard } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { loadConfig } from '../../src/lib/server/config/index.ts';
import { closeStore, getStore } from '../../src/lib/server/clickhouse/client.ts';

const dir = tempDir('in-use');
afterAll(async () => {
	await closeStore();
	dir.remove();
});

describe('a data directory held by another process', () => {
	it('is named, with --server as the way on, and no stack trace', async () => {
		const dataDir = join(dir.path, 'data');
		// This test process holds the directory, as a running server would.
		await getStore(loadConfig({ DATA_DIR: dataDir, CALLBOARD_CONFIG: '' }));
		const { code, output } = await callboard(['token', 'list'], { DATA_DIR: dataDir, CALLBOARD_CONFIG: '' }).done;
		expect(code, output).toBe(1);
		expect(output).toContain('is in use by another callboard process');
		expect(output).toContain('--server URL --token TOKEN');
		expect(output, 'a stack trace was printed').not.toMatch(/^\s+at /m);
	});
});
