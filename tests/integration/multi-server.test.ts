/**
 * Several server processes against one ClickHouse server (chDB behind the real HTTP protocol
 * in a child process): what one process ingests, the other's screens show, and access
 * created on one works on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { spawnClickHouseShim, type ShimProcess } from '../helpers/clickhouseShimProcess.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { tempDir } from '../helpers/tempDir.ts';
import type { LiveMessage } from '../../src/lib/live/protocol.ts';

const dir = tempDir('multi');
let shim: ShimProcess;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
	shim = await spawnClickHouseShim(join(dir.path, 'clickhouse'));
	const env = { CLICKHOUSE_URL: shim.url, CLICKHOUSE_DATABASE: 'shared_centre' };
	a = await startServer({ ...env, DATA_DIR: join(dir.path, 'a') });
	b = await startServer({ ...env, DATA_DIR: join(dir.path, 'b') });
}, 120_000);
afterAll(async () => {
	await a?.stop();
	await b?.stop();
	await shim?.close();
	dir.remove();
});

describe('two server processes, one ClickHouse', () => {
	it('a token made on one works on the other, and a call ingested on one reaches screens on the other', async () => {
		const mk = async (role: string) =>
			((await (
				await fetch(`${a.url}/api/admin/tokens`, {
					method: 'POST',
					headers: { authorization: `Bearer ${a.adminToken}`, 'content-type': 'application/json' },
					body: JSON.stringify({ role })
				})
			).json()) as { token: string }).token;
		const wallboard = await mk('wallboard');
		const ingest = await mk('ingest');

		const ws = new WebSocket(`${b.url.replace('http', 'ws')}/live?token=${wallboard}`);
		const messages: LiveMessage[] = [];
		ws.on('message', (d) => messages.push(JSON.parse(String(d)) as LiveMessage));
		await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
		const waiting = () => messages.at(-1)?.state.topics.find((t) => t.topic === 'contributions')?.waiting;
		for (let i = 0; i < 50 && messages.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
		const before = waiting()!;

		const res = await fetch(`${a.url}/api/ingest?format=ndjson`, {
			method: 'POST',
			headers: { authorization: `Bearer ${ingest}` },
			body: JSON.stringify({ type: 'call.queued', ts: Date.now() - 5_000, call_id: 'multi-1', topic: 'contributions' })
		});
		expect(res.status).toBe(200);
		// B ticks on its own clock (it did not ingest this batch): within a couple of seconds.
		for (let i = 0; i < 40 && waiting() !== before + 1; i++) await new Promise((r) => setTimeout(r, 100));
		expect(waiting()).toBe(before + 1);
		ws.close();
	}, 60_000);
});
