/**
 * `npm run bench:stages`: the JavaScript side of canonical NDJSON ingest alone, per event, on
 * the same data as `npm run bench`: splitting a file's bytes into lines, parsing (JSON,
 * checks, content ids), and the pipeline after parsing (recent ids, rows, assembly, contacts).
 * Batches are cut as in a file ingest and handed to a writer that keeps nothing, so the engine
 * takes no CPU: the figures say where the JavaScript goes, all on one thread here (in a file
 * ingest the split and the parse run on the parse worker, the pipeline on the main thread); the
 * ceiling npm run bench prints says what the whole process costs. Medians of BENCH_RUNS (default 8) after two warm-up runs.
 */
import type { IngestWriter } from '../ingest/ingestWriter.ts';
import { FORMATS } from '../ingest/formats.ts';
import { nameMapping } from '../ingest/mapping.ts';
import { SourcePipeline } from '../ingest/pipeline.ts';
import { LineSplitter, type Line } from '../ingest/sources/lineSplitter.ts';
import type { LineParser } from '../ingest/types.ts';
import { loadConfig } from '../src/lib/server/config/index.ts';
import { ndjson } from './datasets.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 8);
const WARM_UP = 2;
const CALLS = Number(process.env.BENCH_CALLS ?? 100_000);
const CHUNK = 1 << 20;

const config = loadConfig({ CALLBOARD_CONFIG: '' });
const spec = FORMATS.ndjson;
if (spec.kind !== 'lines') throw new Error('ndjson is parsed line by line');
const parse: LineParser = spec.create();
const ctx = { sourceId: 'bench', position: '', mapping: nameMapping(config), timeZone: config.pbxTimeZone };

/** Keeps nothing: commits at once, never congested, no checkpoint to resume from. */
const nullWriter = {
	pending: 0,
	spool: { latestCheckpoint: () => null },
	commit: async () => 'inserted' as const,
	waitForRoom: async () => {},
	flushed: async () => {}
} as unknown as IngestWriter;
/** SourcePipeline.open asks the store for a checkpoint only; there is none. */
const noStore = { query: async () => ({ json: async () => [] }) } as unknown as Parameters<typeof SourcePipeline.open>[0];

function split(bytes: Buffer): Line[] {
	const splitter = new LineSplitter(0, 0);
	const lines: Line[] = [];
	for (let at = 0; at < bytes.length; at += CHUNK) splitter.push(bytes.subarray(at, at + CHUNK), lines);
	return lines;
}

const perEvent = { split: [] as number[], parse: [] as number[], pipeline: [] as number[] };
let events = 0;
for (let run = 0; run < WARM_UP + RUNS; run++) {
	const data = ndjson(CALLS, run + 1);
	const bytes = Buffer.from(data.text);
	events = data.events;
	let t = performance.now();
	const lines = split(bytes);
	const splitMs = performance.now() - t;
	t = performance.now();
	for (const l of lines) parse(l.text, ctx);
	const parseMs = performance.now() - t;
	// The pipeline parses again (it owns its parser): its own cost is the difference.
	const pipeline = await SourcePipeline.open(noStore, { sourceId: `bench-${run}`, label: 'bench', format: 'ndjson', config, writer: nullWriter, recentWindow: 20_000 });
	t = performance.now();
	for (const l of lines) {
		pipeline.addFileLine(l.text, 'bench', l.lineNo, l.end);
		if (pipeline.bulkReady) await pipeline.flush({ waitMs: 0 });
	}
	pipeline.releaseHeld();
	await pipeline.flush({ waitMs: 0 });
	const bothMs = performance.now() - t;
	if (run < WARM_UP) continue;
	const us = (ms: number) => (ms * 1000) / data.events;
	perEvent.split.push(us(splitMs));
	perEvent.parse.push(us(parseMs));
	perEvent.pipeline.push(us(bothMs - parseMs));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const total = median(perEvent.split) + median(perEvent.parse) + median(perEvent.pipeline);
console.log(`ndjson ingest, JavaScript alone (${events.toLocaleString('en-US')} events a run, median of ${RUNS}; µs per event):`);
console.log(`  split ${median(perEvent.split).toFixed(2)}   parse ${median(perEvent.parse).toFixed(2)}   pipeline ${median(perEvent.pipeline).toFixed(2)}   total ${total.toFixed(2)}`);
