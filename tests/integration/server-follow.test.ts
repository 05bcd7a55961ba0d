/** The server follows a live queue_log named in INGEST_SOURCE (embedded mode's worker). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type TestServer } from '../helpers/server.ts';
import { tempDir } from '../helpers/tempDir.ts';

const dir = tempDir('server-follow');
const log = join(dir.path, 'queue_log');
let server: TestServer;

beforeAll(async () => {
	copyFileSync(fileURLToPath(new URL('../../../shared/samples/asterisk/queue_log-20220801', import.meta.url)), log);
	server = await startServer({ INGEST_SOURCE: `queue-log:${log}` });
}, 90_000);
afterAll(async () => {
	await server?.stop();
	dir.remove();
});

async function julyStats(): Promise<{ offered: number; answered: number }> {
	const res = await fetch(`${server.url}/api/stats?from=2022-07-01&to=2022-08-31`, { headers: { authorization: `Bearer ${server.adminToken}` } });
	return ((await res.json()) as { total: { offered: number; answered: number } }).total;
}

async function until(offered: number): Promise<void> {
	for (let i = 0; i < 150 && (await julyStats()).offered < offered; i++) await new Promise((r) => setTimeout(r, 100));
	expect((await julyStats()).offered).toBe(offered);
}

describe('INGEST_SOURCE', () => {
	it('follows the log from the start and then every line appended to it', async () => {
		expect(server.logs()).toMatch(/ingest: following .*queue_log \(queue-log\)/);
		await until(30);
		appendFileSync(log, '1659340800|live-1.1|500|NONE|ENTERQUEUE||370600|1\n1659340830|live-1.1|500|Ona|CONNECT|30|live-1.2|1\n1659340990|live-1.1|500|Ona|COMPLETECALLER|30|160|1\n');
		await until(31);
		expect((await julyStats()).answered).toBe(4);
	}, 60_000);
});
