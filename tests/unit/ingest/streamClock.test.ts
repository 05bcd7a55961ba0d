/**
 * A stream's own clock (SourcePipeline.streamClock): wrap-up waits and staleness follow the
 * stream's event time, run on by the wall clock only while the stream is live; and what an API
 * caller is told was accepted. Without an engine: the writer here stores what it is given, or
 * plays the stored-contacts check leaving every contact out.
 */
import { describe, expect, it } from 'vitest';
import { LIVE_LAG_MS, SourcePipeline } from '../../../ingest/pipeline.ts';
import { STALE_MS, WRAP_WAIT_MS } from '../../../ingest/assemble/assembler.ts';
import type { IngestWriter } from '../../../ingest/ingestWriter.ts';
import type { SpoolEntry } from '../../../ingest/spool.ts';
import { loadConfig } from '../../../src/lib/server/config/index.ts';

const config = loadConfig({});
const MIN = 60_000;

async function pipeline(opts: { allStored?: boolean } = {}) {
	const entries: SpoolEntry[] = [];
	const writer = {
		spool: { latestCheckpoint: () => ({ sourceId: 's', position: '', state: '' }) },
		pending: 0,
		commit: async (entry: SpoolEntry) => {
			if (opts.allStored)
				entry.blocks = entry.blocks.map((b) => (b.table === 'contacts' ? { ...b, rows: 0, tsv: '', filtered: true } : b));
			entries.push(entry);
			return 'inserted' as const;
		}
	} as unknown as IngestWriter;
	const p = await SourcePipeline.open(null as never, { sourceId: 's', label: 'test', format: 'ndjson', config, writer, countStored: true });
	const contacts = () =>
		entries.flatMap((e) => e.blocks.filter((b) => b.table === 'contacts').flatMap((b) => b.tsv.trimEnd().split('\n').filter(Boolean)));
	return { p, contacts };
}

/** One answered call's events (queued at `start`), as NDJSON lines. */
function call(id: string, start: number): string[] {
	const at = (ms: number) => new Date(start + ms).toISOString();
	return [
		`{"type":"call.queued","ts":"${at(0)}","call_id":"${id}","topic":"benefits"}`,
		`{"type":"call.answered","ts":"${at(40_000)}","call_id":"${id}","agent":"ona","site":"siauliai"}`,
		`{"type":"call.ended","ts":"${at(340_000)}","call_id":"${id}","talk_ms":280000,"hold_ms":20000}`,
		`{"type":"call.wrapup_ended","ts":"${at(400_000)}","call_id":"${id}","wrap_ms":60000}`
	];
}

async function send(p: SourcePipeline, lines: string[]) {
	for (const [i, line] of lines.entries()) p.addLine(line, `line ${i + 1}`, String(i + 1));
	await p.flush();
}

/** contact row → [topic, agent, outcome, talk ms, wrap ms] (rows.ts column order). */
const fields = (row: string) => {
	const f = row.split('\t');
	return [f[2], f[4], f[9], f[11], f[13]];
};

describe('a stream’s clock', () => {
	it('a backfill a month old, split across bodies with the ticker between: one answered call', async () => {
		const { p, contacts } = await pipeline();
		const lines = call('b-1', Date.parse('2026-11-02T07:00:00Z'));
		await send(p, lines.slice(0, 2));
		// The ticker's wall clock is a month after the calls: it must not close them.
		p.tick(Date.now() + 30_000);
		await p.flush();
		expect(contacts()).toEqual([]);
		await send(p, lines.slice(2));
		expect(contacts().map(fields)).toEqual([['benefits', 'ona', 'answered', '280000', '60000']]);
	});

	it('a live stream: a call whose wrap-up never comes is closed WRAP_WAIT_MS later by the wall clock', async () => {
		const { p, contacts } = await pipeline();
		const now = Date.now();
		await send(p, call('l-1', now - 400_000 - MIN).slice(0, 3));
		p.tick(now + WRAP_WAIT_MS - 2 * MIN);
		await p.flush();
		expect(contacts()).toEqual([]);
		p.tick(now + WRAP_WAIT_MS + MIN);
		await p.flush();
		expect(contacts().map(fields)).toEqual([['benefits', 'ona', 'answered', '280000', '0']]);
	});

	it('a live stream whose caller’s exit was lost closes the call as unknown after 12 hours of wall clock', async () => {
		const { p, contacts } = await pipeline();
		const now = Date.now();
		await send(p, call('l-2', now - MIN).slice(0, 1));
		p.tick(now + STALE_MS - 2 * MIN);
		expect(p.openCalls).toBe(1);
		p.tick(now + STALE_MS + MIN);
		await p.flush();
		expect(contacts().map(fields)).toEqual([['benefits', '', 'unknown', '0', '0']]);
	});

	it('a stream more than LIVE_LAG_MS behind stands still, and runs on only after 12 hours of silence', async () => {
		const { p, contacts } = await pipeline();
		const now = Date.now();
		const start = now - LIVE_LAG_MS - 400_000 - MIN;
		await send(p, call('late-1', start).slice(0, 3));
		expect(p.streamClock(now + 6 * 3_600_000)).toBe(start + 340_000);
		p.tick(now + 6 * 3_600_000);
		await p.flush();
		expect(contacts()).toEqual([]);
		p.tick(now + STALE_MS + WRAP_WAIT_MS + MIN);
		await p.flush();
		expect(contacts().map(fields)).toEqual([['benefits', 'ona', 'answered', '280000', '0']]);
	});
});

describe('what an API caller is told', () => {
	it('events whose contact the stored-contacts check left out are duplicates, not accepted', async () => {
		const { p } = await pipeline({ allStored: true });
		await send(p, [...call('s-1', Date.parse('2026-11-02T07:00:00Z')), '{"type":"agent.state","ts":"2026-11-02T07:00:00Z","agent":"ona","state":"available"}']);
		expect(p.counts).toMatchObject({ accepted: 1, duplicates: 4 });
	});

	it('events of a contact stored now, and of calls still open, stay accepted', async () => {
		const { p } = await pipeline();
		await send(p, [...call('s-2', Date.parse('2026-11-02T07:00:00Z')), ...call('s-3', Date.parse('2026-11-02T08:00:00Z')).slice(0, 2)]);
		expect(p.counts).toMatchObject({ accepted: 6, duplicates: 0 });
	});
});
