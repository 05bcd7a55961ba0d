/**
 * Issue #15: `callboard connect genesys` as its own process against one ClickHouse server
 * (chDB behind the real HTTP protocol, as in multi-server.test.ts): killed with kill -9 in the
 * middle of its catch-up and started again, and run twice at once, every contact counts once
 * in the figures (/api/stats of a server on the same ClickHouse, which reads the rollups a
 * doubled insert would inflate).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnClickHouseShim, type ShimProcess } from '../helpers/clickhouseShimProcess.ts';
import { callboard, type Run } from '../helpers/cli.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { detailRecord, startGenesysCloudDouble, type GenesysCloudDouble, type ScriptedCall } from '../helpers/genesysCloudDouble.ts';

const dir = tempDir('genesys-cli');
let shim: ShimProcess;
let double: GenesysCloudDouble;
let server: TestServer;
const runs: Run[] = [];

const now = new Date();
// Three days ago from 00:00 UTC: calls spread over 30 hours, so the catch-up takes 30+ commits.
const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 3);
const CALLS: ScriptedCall[] = Array.from({ length: 900 }, (_, i) => ({
	id: `abcdef00-${String(i).padStart(4, '0')}-4000-8000-000000000000`,
	queueId: i % 2 ? 'q-ism' : 'q-pen',
	userId: `user-${i % 5}`,
	start: from + i * 120_000,
	waitMs: 5_000 + ((i * 7_919) % 100_000),
	talkMs: i % 5 === 4 ? 0 : 30_000 + ((i * 4_801) % 200_000),
	holdMs: 0,
	acwMs: i % 5 === 4 ? 0 : 10_000,
	finished: true
}));
const days = [...new Set(CALLS.map((c) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Vilnius' }).format(c.start)))];

let env: Record<string, string>;
beforeAll(async () => {
	shim = await spawnClickHouseShim(join(dir.path, 'clickhouse'));
	double = await startGenesysCloudDouble({ queues: [{ id: 'q-ism', name: 'Išmokos' }, { id: 'q-pen', name: 'pensijos' }], pageSize: 25 });
	double.conversations.push(...CALLS.map(detailRecord));
	const config = join(dir.path, 'callboard.json');
	writeFileSync(config, JSON.stringify({ genesys: { reconcileSeconds: 0.3, catchUpHours: 24 * 4 } }));
	env = {
		CLICKHOUSE_URL: shim.url,
		CLICKHOUSE_DATABASE: 'genesys_centre',
		CALLBOARD_CONFIG: config,
		GENESYS_API_URL: double.url,
		GENESYS_LOGIN_URL: double.url,
		GENESYS_CLIENT_ID: double.clientId,
		GENESYS_CLIENT_SECRET: double.clientSecret
	};
	server = await startServer({ CLICKHOUSE_URL: shim.url, CLICKHOUSE_DATABASE: 'genesys_centre', DATA_DIR: join(dir.path, 'server') });
}, 120_000);
afterAll(async () => {
	for (const r of runs) r.child.kill('SIGTERM');
	await Promise.all(runs.map((r) => r.done));
	await server?.stop();
	await double?.close();
	await shim?.close();
	dir.remove();
});

const connect = (name: string) => {
	const run = callboard(['connect', 'genesys'], { ...env, DATA_DIR: join(dir.path, name) });
	runs.push(run);
	return run;
};
const offered = async () => {
	let sum = 0;
	for (const d of days) {
		const res = await fetch(`${server.url}/api/stats?from=${d}&to=${d}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
		sum += ((await res.json()) as { total: { offered: number } }).total.offered;
	}
	return sum;
};
const detailsQueries = () => double.requests.filter((r) => r === 'POST /api/v2/analytics/conversations/details/query').length;

describe('callboard connect genesys', () => {
	it('killed with kill -9 mid catch-up, then run twice at once: every contact once', async () => {
		const first = connect('a');
		// Killed once it has committed some hours of its catch-up, but not all.
		await expect.poll(offered, { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);
		first.child.kill('SIGKILL');
		expect((await first.done).signal).toBe('SIGKILL');
		const partial = await offered();
		expect(partial, 'the catch-up was done before the kill').toBeLessThan(CALLS.length);
		// Two connectors at once: the restarted one and a second.
		const a = connect('a');
		const b = connect('b');
		await expect.poll(offered, { timeout: 200_000, interval: 250 }).toBe(CALLS.length);
		// Several more passes of both over the same hours change nothing.
		const passes = detailsQueries();
		await expect.poll(detailsQueries, { timeout: 30_000 }).toBeGreaterThan(passes + 20);
		expect(await offered()).toBe(CALLS.length);
		a.child.kill('SIGTERM');
		b.child.kill('SIGTERM');
		const [ra, rb] = await Promise.all([a.done, b.done]);
		expect(ra.output).toMatch(/genesys: connected to http:\/\/127\.0\.0\.1:\d+, following 2 queue\(s\)/);
		expect(rb.output, 'a stack trace was printed').not.toMatch(/^\s+at /m);
	}, 400_000);

	it('says in one line what to fix when the secret is wrong, and exits 2', async () => {
		const run = callboard(['connect', 'genesys'], { ...env, DATA_DIR: join(dir.path, 'c'), GENESYS_CLIENT_SECRET: 'wrong-secret-123' });
		const r = await run.done;
		expect(r.code, r.output).toBe(2);
		expect(r.output).toMatch(/^callboard: genesys: Genesys refused the OAuth client \(invalid_client\) at .*: check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET/m);
		expect(r.output).not.toContain('wrong-secret-123');
		expect(r.output).not.toMatch(/^\s+at /m);
	}, 60_000);
});
