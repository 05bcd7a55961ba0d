/**
 * `--follow` on a live queue_log: appends, rename rotation (with the PBX still writing to
 * the old file for a moment), rotation while the follower is stopped, a restart from the
 * checkpoint, and copytruncate. Every call must arrive exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { newWriter, totalsBySource } from '../helpers/ingest.ts';
import { SourcePipeline } from '../../ingest/pipeline.ts';
import { followFile } from '../../ingest/sources/followSource.ts';
import type { IngestWriter } from '../../ingest/ingestWriter.ts';

let db: Embedded;
let log: string;
let writer: IngestWriter;
beforeAll(async () => {
	db = await openEmbedded();
	log = join(db.dir, 'queue_log');
	writer = newWriter(db.store.client, db.config);
});
afterAll(async () => {
	await writer.stop();
	await db.close();
});

let nextCall = 0;
/** queue_log lines of `n` answered calls (enter, connect after 5 s, complete after 65 s talk). */
function calls(n: number): string {
	let out = '';
	for (let i = 0; i < n; i++, nextCall++) {
		const t = 1793606400 + nextCall * 100;
		out += `${t}|f-${nextCall}.1|pensions|NONE|ENTERQUEUE||370600|1\n`;
		out += `${t + 5}|f-${nextCall}.1|pensions|Ona|CONNECT|5|f-${nextCall}.2|1\n`;
		out += `${t + 70}|f-${nextCall}.1|pensions|Ona|COMPLETECALLER|5|65|1\n`;
	}
	return out;
}

async function answered(): Promise<number> {
	return (await totalsBySource(db.store.client))['live-pbx']?.answered ?? 0;
}

async function until(expected: number): Promise<void> {
	const deadline = Date.now() + 15_000;
	while (Date.now() < deadline) {
		if ((await answered()) >= expected) break;
		await new Promise((r) => setTimeout(r, 50));
	}
	expect(await answered()).toBe(expected);
}

async function startFollowing() {
	const pipeline = await SourcePipeline.open(db.store.client, {
		sourceId: `follow:${log}:queue-log`,
		label: 'live-pbx',
		format: 'queue-log',
		config: db.config,
		writer
	});
	const abort = new AbortController();
	const done = followFile({ path: log, pipeline, writer, flushMs: 50, signal: abort.signal });
	return { stop: async () => (abort.abort(), await done) };
}

describe('following a live queue_log', () => {
	it('reads appends, survives rotation and truncation, and resumes after a stop', async () => {
		writeFileSync(log, calls(10));
		let f = await startFollowing();
		await until(10);

		appendFileSync(log, calls(5));
		await until(15);

		// Rename rotation; the PBX writes two more calls to the old file before reopening.
		renameSync(log, `${log}.1`);
		appendFileSync(`${log}.1`, calls(2));
		writeFileSync(log, calls(3));
		await until(20);

		// Stopped; meanwhile the log grows and is rotated again (queue_log-YYYYMMDD style).
		await f.stop();
		appendFileSync(log, calls(4));
		renameSync(log, `${log}-20261102`);
		writeFileSync(log, calls(6));
		f = await startFollowing();
		await until(30);

		// copytruncate: the file is cut to zero and written from the start again.
		truncateSync(log, 0);
		appendFileSync(log, calls(7));
		await until(37);

		// logrotate's copytruncate, all at once: two calls appended, the file copied, then cut
		// and written anew, before the follower looked: those two are only in the copy.
		appendFileSync(log, calls(2));
		copyFileSync(log, `${log}-20261103`);
		truncateSync(log, 0);
		appendFileSync(log, calls(4));
		await until(43);
		await f.stop();

		const t = (await totalsBySource(db.store.client))['live-pbx']!;
		expect(t).toMatchObject({ offered: nextCall, answered: nextCall, talk_ms: nextCall * 65_000, wait_answered_ms: nextCall * 5_000, duplicate_ids: 0 });
	}, 60_000);

	it('reads a line appended as soon as the directory reports it, without waiting for the poll or the flush timer', async () => {
		// Both a minute here: only the change notification can bring the lines in within the test.
		const path = join(db.dir, 'queue_log_watched');
		writeFileSync(path, '');
		const pipeline = await SourcePipeline.open(db.store.client, { sourceId: `follow:${path}:queue-log`, label: 'watched-pbx', format: 'queue-log', config: db.config, writer });
		const abort = new AbortController();
		const done = followFile({ path, pipeline, writer, flushMs: 60_000, pollMs: 60_000, signal: abort.signal });
		const watched = async () => (await totalsBySource(db.store.client))['watched-pbx']?.answered ?? 0;
		try {
			// The follower's first look at the empty file is over before the append.
			await new Promise((r) => setTimeout(r, 300));
			appendFileSync(path, calls(2));
			const deadline = Date.now() + 20_000;
			while (Date.now() < deadline && (await watched()) < 2) await new Promise((r) => setTimeout(r, 50));
			expect(await watched()).toBe(2);
		} finally {
			abort.abort();
			await done;
		}
	}, 40_000);
});
