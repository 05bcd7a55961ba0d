/**
 * A worker killed with kill -9 in the middle of a file, then restarted (twice): every call
 * counted exactly once. Each kill follows the worker's own progress (its spool, watched), so it
 * lands mid-run whatever the machine's load; the restart's "resumed at byte N" or its replay of
 * spooled batches proves it did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callStream, storedTotals } from '../helpers/callStream.ts';
import { callboard } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { loadConfig } from '../../src/lib/server/config/index.ts';
import { closeStore, getStore } from '../../src/lib/server/clickhouse/client.ts';
import { tableCounts, totalsBySource } from '../helpers/ingest.ts';

const CALLS = 40_000;
const dir = tempDir('kill9');
const file = join(dir.path, 'calls.ndjson');
const configFile = join(dir.path, 'callboard.json');
const env = { DATA_DIR: join(dir.path, 'data'), CALLBOARD_CONFIG: configFile };
const { lines, totals } = callStream(CALLS);

beforeAll(() => {
	writeFileSync(file, lines.join('\n') + '\n');
	// Small batches: many commits in the file, so a kill lands between two of them.
	writeFileSync(configFile, JSON.stringify({ ingest: { batchSize: 1_000 } }));
});
afterAll(() => dir.remove());

/**
 * Starts an ingest run and kills it with SIGKILL as soon as it has spooled `batches` batches.
 * The spool directory is watched (inotify), so the kill lands mid-run however busy the machine.
 */
async function runAndKill(batches: number): Promise<void> {
	const spool = join(env.DATA_DIR, 'spool');
	mkdirSync(spool, { recursive: true });
	const seen = new Set<string>();
	const run = callboard(['ingest', '--format', 'ndjson', file], env);
	const watcher = watch(spool, (_event, name) => {
		if (name?.endsWith('.spool')) seen.add(name);
		if (seen.size >= batches) run.child.kill('SIGKILL');
	});
	const result = await run.done;
	watcher.close();
	expect(result.signal, `the run finished before it could be killed:\n${result.output}`).toBe('SIGKILL');
}

describe('kill -9 in the middle of a file', () => {
	it('restarts and counts every call exactly once', async () => {
		// 40,000 calls (about 144,000 records) in a file's bulk batches of 8,000 to 16,000 (8 to
		// 16 × 1,000): nine or more batches. Kill after the 3rd, twice.
		await runAndKill(3);
		await runAndKill(3);
		const final = await callboard(['ingest', '--format', 'ndjson', file], env).done;
		expect(final.code, final.output).toBe(0);
		// Proof the kills landed mid-run: the restart resumed part-way through the file, or it
		// found batches read before the kill still waiting in the spool and replayed them.
		expect(final.output).toMatch(/resumed at byte [1-9]\d*|replaying [1-9]\d* spooled batch/);

		const store = await getStore(loadConfig(env));
		try {
			const t = (await totalsBySource(store.client))['calls.ndjson']!;
			expect(t).toMatchObject(storedTotals(totals));
			// Raw tables and the rollup, without FINAL: nothing was stored twice anywhere.
			const c = await tableCounts(store.client);
			expect(c).toMatchObject({ call_events: totals.events, contacts: totals.offered, rollup_offered: totals.offered, rollup_answered: totals.answered, rollup_talk_ms: totals.talkMs });
		} finally {
			await closeStore();
		}
		// A fourth run finds the file done.
		const again = await callboard(['ingest', '--format', 'ndjson', file], env).done;
		expect(again.output).toMatch(/already ingested/);
	}, 180_000);
});
