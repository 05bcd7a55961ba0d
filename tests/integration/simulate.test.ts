/**
 * The simulator wired into the product: `callboard simulate` through the real ingest path,
 * the server's demo traffic on an empty database, and removal of simulated data that never
 * touches real data.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callboard } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { startServer } from '../helpers/server.ts';
import { loadConfig } from '../../src/lib/server/config/index.ts';
import { closeStore, getStore } from '../../src/lib/server/clickhouse/client.ts';
import { simulatedCounts } from '../../src/lib/server/simulation/history.ts';

const dir = tempDir('simulate');
afterAll(() => dir.remove());
const sample = fileURLToPath(new URL('../../../shared/samples/asterisk/queue_log-20220801', import.meta.url));

async function counts(dataDir: string) {
	const store = await getStore(loadConfig({ DATA_DIR: dataDir }));
	try {
		return await simulatedCounts(store.client);
	} finally {
		await closeStore();
	}
}

/** Offered contacts in each rollup, simulated and real: the trends and the period figures read these. */
async function rollups(dataDir: string) {
	const store = await getStore(loadConfig({ DATA_DIR: dataDir }));
	try {
		const out: Record<string, { simulated: number; real: number }> = {};
		for (const table of ['contacts_15m', 'contacts_1h']) {
			const rs = await store.client.query({
				query: `SELECT toUInt64(sumIf(offered, simulated = 1)) AS sim, toUInt64(sumIf(offered, simulated = 0)) AS real_offered FROM ${table}`,
				format: 'JSONEachRow'
			});
			const [row] = await rs.json<{ sim: number; real_offered: number }>();
			out[table] = { simulated: Number(row!.sim), real: Number(row!.real_offered) };
		}
		return out;
	} finally {
		await closeStore();
	}
}

describe('callboard simulate', () => {
	it('backfills a year through ingest, refuses to do it twice, and --remove deletes only simulated data', async () => {
		const env = { DATA_DIR: join(dir.path, 'cli') };
		const real = await callboard(['ingest', '--format', 'queue-log', sample], env).done;
		expect(real.code, real.output).toBe(0);

		const history = await callboard(['simulate', '--history', '--years', '1', '--seed', '7'], env).done;
		expect(history.code, history.output).toBe(0);
		const m = /simulated history: ([\d,]+) contacts/.exec(history.output);
		const generated = Number(m![1]!.replaceAll(',', ''));
		// About a million calls a year now, plus chat, callbacks, e-mail and e-inquiries.
		expect(generated).toBeGreaterThan(900_000);
		expect(generated).toBeLessThan(1_600_000);
		expect(await counts(env.DATA_DIR)).toEqual({ simulated: generated, real: 30 });
		const sims = await rollups(env.DATA_DIR);
		expect(sims.contacts_1h).toEqual(sims.contacts_15m);
		expect(sims.contacts_1h!.simulated).toBeGreaterThan(900_000);

		const again = await callboard(['simulate', '--history', '--years', '1'], env).done;
		expect(again.code).not.toBe(0);
		expect(again.output).toMatch(/already .* simulated contacts; run "callboard simulate --remove" first/);

		const removed = await callboard(['simulate', '--remove'], env).done;
		expect(removed.code, removed.output).toBe(0);
		expect(await counts(env.DATA_DIR)).toEqual({ simulated: 0, real: 30 });
		// The rollups too: the hourly one, which the yearly and monthly trends read, kept every
		// simulated call before it was cleared with the others.
		expect(await rollups(env.DATA_DIR)).toEqual({ contacts_15m: { simulated: 0, real: 30 }, contacts_1h: { simulated: 0, real: 30 } });
	}, 180_000);
});

describe('demo traffic in the server', () => {
	it('starts on an empty database: history in the background, live calls flowing', async () => {
		const server = await startServer({ CALLBOARD_DEMO: 'on', CALLBOARD_DEMO_YEARS: '1' });
		try {
			expect(server.logs()).toMatch(/demo: simulated live calls are flowing/);
			const deadline = Date.now() + 120_000;
			while (!/demo: history done/.test(server.logs()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
			expect(server.logs()).toMatch(/demo: history done, [\d,]+ contacts/);
			const lastYear = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
			const res = await fetch(`${server.url}/api/stats?from=${lastYear}&to=${lastYear.slice(0, 8)}28&channel=voice`, {
				headers: { authorization: `Bearer ${server.adminToken}` }
			});
			const stats = (await res.json()) as { total: { offered: number; answered: number } };
			expect(stats.total.offered).toBeGreaterThan(0);

			// A PBX connects: at its first real contact the demo stops feeding simulated calls.
			const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
			const { token } = (await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role: 'ingest' }) })).json()) as { token: string };
			const t = Date.now() - 60_000;
			const call = [
				{ type: 'call.queued', ts: t, call_id: 'real-1', topic: 'pensions', channel: 'voice' },
				{ type: 'call.abandoned', ts: t + 20_000, call_id: 'real-1', wait_ms: 20_000 }
			];
			const sent = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: call.map((l) => JSON.stringify(l)).join('\n') });
			expect(sent.status).toBe(200);
			const stopBy = Date.now() + 20_000;
			while (!/demo: real calls arrived; simulated traffic stopped/.test(server.logs()) && Date.now() < stopBy) await new Promise((r) => setTimeout(r, 250));
			expect(server.logs()).toMatch(/demo: real calls arrived; simulated traffic stopped\. Remove the simulated data with "callboard simulate --remove"/);
		} finally {
			await server.stop();
		}
	}, 180_000);

	it('stays off when real data is present', async () => {
		const dataDir = join(dir.path, 'with-real');
		const real = await callboard(['ingest', '--format', 'queue-log', sample], { DATA_DIR: dataDir }).done;
		expect(real.code, real.output).toBe(0);
		const server = await startServer({ CALLBOARD_DEMO: 'on' }, { dataDir });
		try {
			await new Promise((r) => setTimeout(r, 500));
			expect(server.logs()).toMatch(/demo: real data is present; no simulated traffic/);
			expect(await (async () => {
				await server.kill();
				return counts(dataDir);
			})()).toEqual({ simulated: 0, real: 30 });
		} finally {
			await server.stop();
		}
	}, 120_000);
});
