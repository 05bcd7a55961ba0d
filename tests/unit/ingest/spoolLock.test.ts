import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Spool } from '../../../ingest/spool.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('the ingest spool is one process\'s', () => {
	it('refuses a directory held by a live process, and takes one over from a dead one', async () => {
		const dir = tempDir('spool-lock');
		const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
		writeFileSync(join(dir.path, 'LOCK'), String(sleeper.pid));
		expect(() => new Spool(dir.path, 1 << 20)).toThrow(new RegExp(`in use by process ${sleeper.pid}`));
		sleeper.kill('SIGKILL');
		await new Promise((r) => sleeper.once('exit', r));
		const spool = new Spool(dir.path, 1 << 20); // the holder is gone: taken over
		spool.close();
		new Spool(dir.path, 1 << 20).close(); // released: free again
		dir.remove();
	});
});
