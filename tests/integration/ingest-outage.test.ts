/**
 * ClickHouse unavailable in the middle of a run: nothing is lost, nothing is counted twice.
 * ClickHouse here is a real engine behind the real HTTP protocol (tests/helpers: chDB in a
 * child process); stopping it closes its port, so clients get real connection failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnClickHouseShim, type ShimProcess } from '../helpers/clickhouseShimProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { callStream } from '../helpers/callStream.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config/index.ts';
import { closeStore, ensureDatabase, getStore } from '../../src/lib/server/clickhouse/client.ts';
import { migrate } from '../../src/lib/server/clickhouse/migrate.ts';
import { newWriter, tableCounts, totalsBySource } from '../helpers/ingest.ts';
import { ingestFile } from '../../ingest/sources/fileSource.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const dir = tempDir('outage');
let shim: ShimProcess;

beforeAll(async () => {
	shim = await spawnClickHouseShim(join(dir.path, 'clickhouse'));
}, 60_000);
afterAll(async () => {
	await shim?.close();
	dir.remove();
});

describe('ClickHouse unavailable', () => {
	it('during a file ingest: the worker spools, pauses its source, retries, and catches up exactly', async () => {
		const { lines, totals } = callStream(20_000, { prefix: 'outage' });
		const file = join(dir.path, 'outage.ndjson');
		writeFileSync(file, lines.join('\n') + '\n');
		const config = loadConfig({ CLICKHOUSE_URL: shim.url, DATA_DIR: join(dir.path, 'worker'), CALLBOARD_CONFIG: '' });
		config.ingest.batchSize = 2_000;
		setConfig(config);
		await ensureDatabase(config);
		const store = await getStore(config);
		await migrate(store.client);
		const writer = newWriter(store.client, config);
		let maxSpooled = 0;
		let sawUnavailable = false;
		const watch = setInterval(() => {
			maxSpooled = Math.max(maxSpooled, writer.pending);
			if (writer.lastError && /ECONNREFUSED|socket hang up|ECONNRESET|fetch failed/.test(writer.lastError)) sawUnavailable = true;
		}, 5);
		try {
			const run = ingestFile({ path: file, format: 'ndjson', config, db: store.client, writer, label: 'outage-file' });
			// Stop ClickHouse once batches flow, not at a fixed time: on a loaded machine 150 ms ended
			// while the source was still opening (its checkpoint read is not the writer's to retry).
			for (let waited = 0; maxSpooled === 0 && waited < 30_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
			await shim.stop();
			await new Promise((r) => setTimeout(r, 1_500));
			const spooledDuringOutage = writer.pending;
			await shim.start();
			const result = await run;
			expect(result.accepted).toBe(totals.events);
			expect(spooledDuringOutage).toBeGreaterThan(0);
			expect(sawUnavailable).toBe(true);
			expect(writer.pending).toBe(0);
			const t = (await totalsBySource(store.client))['outage-file']!;
			expect(t).toMatchObject({ offered: totals.offered, answered: totals.answered, talk_ms: totals.talkMs, duplicate_ids: 0 });
			const c = await tableCounts(store.client);
			expect(c).toMatchObject({ call_events: totals.events, contacts: totals.offered, rollup_offered: totals.offered });
		} finally {
			clearInterval(watch);
			await writer.stop();
			await closeStore();
		}
	}, 120_000);

	it('behind the server API: bodies are spooled (202), a full spool answers 503 with Retry-After, and retries count once', async () => {
		let server: TestServer | undefined;
		try {
			server = await startServer({
				CLICKHOUSE_URL: shim.url,
				CLICKHOUSE_DATABASE: 'api_outage',
				DATA_DIR: join(dir.path, 'server'),
				CALLBOARD_CONFIG: writeConfig({ ingest: { spoolMaxBytes: 1024 * 1024 } })
			});
			const tokenRes = await fetch(`${server.url}/api/admin/tokens`, {
				method: 'POST',
				headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
				body: JSON.stringify({ role: 'ingest', name: 'pbx' })
			});
			const { token } = (await tokenRes.json()) as { token: string };
			const { lines, totals } = callStream(8_000, { prefix: 'api' });
			const bodies: string[] = [];
			for (let i = 0; i < lines.length; i += 2_000) bodies.push(lines.slice(i, i + 2_000).join('\n'));
			const post = (body: string) =>
				fetch(`${server!.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });

			expect((await post(bodies[0]!)).status).toBe(200);
			await shim.stop();
			const statuses: number[] = [];
			let retryAfter: string | null = null;
			let sent = 1;
			for (; sent < bodies.length; sent++) {
				const res = await post(bodies[sent]!);
				statuses.push(res.status);
				if (res.status === 503) {
					retryAfter = res.headers.get('retry-after');
					break;
				}
			}
			expect(statuses[0]).toBe(202); // durable in the spool, not yet in ClickHouse
			expect(statuses.at(-1)).toBe(503);
			expect(Number(retryAfter)).toBeGreaterThan(0);
			await shim.start();
			// The client retries what was refused, and (as a timed-out client would) also re-sends
			// bodies that were accepted: the server must not count them twice.
			for (let i = sent; i < bodies.length; i++) {
				for (let attempt = 0; ; attempt++) {
					const res = await post(bodies[i]!);
					if (res.status !== 503) {
						expect([200, 202]).toContain(res.status);
						break;
					}
					if (attempt > 100) throw new Error('the spool never drained');
					await new Promise((r) => setTimeout(r, 200));
				}
			}
			const again = await post(bodies[1]!);
			expect(((await again.json()) as { duplicates: number }).duplicates).toBeGreaterThan(0);
			// Wait until the spool has drained into ClickHouse, then check the totals.
			let stats: { total: { offered: number; answered: number } } | undefined;
			for (let i = 0; i < 100; i++) {
				const res = await fetch(`${server.url}/api/stats?from=2026-10-05&to=2026-10-06`, { headers: { authorization: `Bearer ${server.adminToken}` } });
				stats = (await res.json()) as typeof stats;
				if (stats!.total.offered >= totals.offered) break;
				await new Promise((r) => setTimeout(r, 200));
			}
			expect(stats!.total.offered).toBe(totals.offered);
			expect(stats!.total.answered).toBe(totals.answered);
		} catch (e) {
			throw new Error(`${(e as Error).message}\n--- server log ---\n${server?.logs() ?? ''}`);
		} finally {
			await server?.stop();
		}
	}, 180_000);
});

function writeConfig(config: unknown): string {
	const path = join(dir.path, `config-${Math.random().toString(36).slice(2)}.json`);
	writeFileSync(path, JSON.stringify(config));
	return path;
}
