/**
 * `callboard ingest FILE`: reads a whole file once. The source is the file's content (its
 * SHA-256), not its name: the same file ingested again, under any name, resumes from its
 * checkpoint, which says it is done, so nothing is counted twice. A run killed half-way
 * resumes where its last committed batch ended.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../../src/lib/server/config/schema.ts';
import type { IngestWriter } from '../ingestWriter.ts';
import { FORMATS } from '../formats.ts';
import { SourcePipeline, type Counts } from '../pipeline.ts';
import type { FormatName, ParsedRecord } from '../types.ts';
import { LineSplitter, formatPosition, parsePosition } from './lineSplitter.ts';
import { decodeChunk, type ParsedChunk } from './parsedChunk.ts';
import { ParseWorkerLost, parsedChunks, startParseWorker } from './parseInWorker.ts';

export type FileProgress = { bytesDone: number; bytesTotal: number; counts: Counts };

export type FileResult = Counts & { alreadyDone: boolean; resumedAt: number; bytes: number; sourceId: string };

export async function fileFingerprint(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
	return hash.digest('hex').slice(0, 32);
}

/** While the writer has batches to write, it gets a turn after this many lines. */
const YIELD_EVERY_LINES = 512;

/**
 * A file's bulk batches (in batch sizes, see SourcePipeline.bulkReady): larger than other bulk
 * sources'. With the parse worker both cores are busy, and every batch costs the engine a fixed
 * share of CPU (a part per table and view, the stored-contacts check, the checkpoint): ndjson
 * bench, interleaved runs, 223–258k events/s at 4–8×, 277–326k at 8–16×. A command-line run can
 * spend the memory: a batch of 16 batch sizes is about 60 MB of rows at the default 20,000, and
 * the writer holds up to four waiting batches besides the one being built (usually one).
 */
const FILE_BULK = { min: 8, max: 16 };

/**
 * Files with more left to read than this are parsed on the parse worker. Starting it costs a
 * fresh process about 0.1 s (loading the parsers, compiling them cold): measured one file per
 * process, a 2 MiB ndjson file took 0.33–0.39 s through the worker against 0.20–0.28 s here, an
 * 8 MiB one 0.48–0.64 s either way.
 */
const WORKER_MIN_BYTES = 8 << 20;

export async function ingestFile(opts: {
	path: string;
	format: FormatName;
	config: Config;
	db: ClickHouseClient;
	writer: IngestWriter;
	/** A name for the source column; the file name by default. */
	label?: string;
	onProgress?: (p: FileProgress) => void;
	/**
	 * Parse on the parse worker (parseInWorker.ts) while this thread runs the pipeline; by default
	 * for files with more than WORKER_MIN_BYTES left to read. Falls back to this thread when the
	 * worker is busy with another file.
	 */
	parseInWorker?: boolean;
}): Promise<FileResult> {
	const { size } = await stat(opts.path);
	// Started now, it loads while the file is fingerprinted. (A file found done, or resumed near
	// its end, then leaves an idle worker; it holds nothing open.)
	if (FORMATS[opts.format].kind === 'lines' && (opts.parseInWorker ?? size >= WORKER_MIN_BYTES)) startParseWorker();
	const sourceId = `file:${opts.format}:${await fileFingerprint(opts.path)}`;
	const pipeline = await SourcePipeline.open(opts.db, {
		sourceId,
		label: opts.label ?? basename(opts.path),
		format: opts.format,
		config: opts.config,
		writer: opts.writer,
		recentWindow: 20_000,
		bulk: FILE_BULK
	});
	const start = parsePosition(pipeline.position);
	const result = (alreadyDone: boolean): FileResult => ({
		...pipeline.counts,
		alreadyDone,
		resumedAt: start.offset,
		bytes: size,
		sourceId
	});
	if (start.offset >= size && pipeline.position !== '') return result(true);

	if (FORMATS[opts.format].kind === 'document') {
		pipeline.addDocument(await readFile(opts.path, 'utf8'), basename(opts.path), formatPosition(size, 1));
		await pipeline.flush();
		await opts.writer.flushed();
		opts.onProgress?.({ bytesDone: size, bytesTotal: size, counts: pipeline.counts });
		return result(false);
	}

	const name = basename(opts.path);
	const reader: Reader = { path: opts.path, name, writer: opts.writer, pipeline, start, size, onProgress: opts.onProgress, sinceYield: 0 };
	const inWorker = opts.parseInWorker ?? size - start.offset >= WORKER_MIN_BYTES;
	const chunks = inWorker
		? parsedChunks({ path: opts.path, name, sourceId, format: opts.format, config: opts.config, offset: start.offset, lineNo: start.lineNo })
		: null;
	if (chunks) await takeParsed(reader, chunks);
	else await readLines(reader);
	// The file is complete: nothing more of the calls it holds back can come from it.
	pipeline.releaseHeld();
	await pipeline.flush({ waitMs: 0 });
	await opts.writer.flushed();
	return result(false);
}

type Reader = {
	path: string;
	name: string;
	writer: IngestWriter;
	pipeline: SourcePipeline;
	start: { offset: number; lineNo: number };
	size: number;
	onProgress?: (p: FileProgress) => void;
	/** Lines taken since the writer last had a turn. */
	sinceYield: number;
};

/**
 * Gives the writer its turn and cuts a bulk batch when one is ready. Called after a line (or a
 * parsed chunk) only when there is something to do: an await per line was a promise and a
 * turn of the microtask queue for every line.
 */
async function turn(r: Reader): Promise<void> {
	// :TRICKY: each step of a batch's write (its inserts, the stored-contacts check, the
	// checkpoint) resumes on this thread. Parsing a whole 1 MiB chunk first kept the engine
	// waiting up to 25 ms per step, four times a batch.
	if (r.sinceYield >= YIELD_EVERY_LINES) {
		r.sinceYield = 0;
		if (r.writer.pending > 0) await new Promise((res) => setImmediate(res));
	}
	if (r.pipeline.bulkReady) {
		await r.writer.waitForRoom();
		await r.pipeline.flush({ waitMs: 0 });
	}
}

/** Reads and parses the lines on this thread. */
async function readLines(r: Reader): Promise<void> {
	const { pipeline, name } = r;
	const splitter = new LineSplitter(r.start.offset, r.start.lineNo);
	let done = r.start.offset;
	for await (const chunk of createReadStream(r.path, { start: r.start.offset, highWaterMark: 1 << 20 })) {
		splitter.load(chunk as Buffer);
		while (splitter.next()) {
			pipeline.addFileLine(splitter.text, name, splitter.lineNo, splitter.end);
			if (++r.sinceYield >= YIELD_EVERY_LINES || pipeline.bulkReady) await turn(r);
		}
		done += (chunk as Buffer).length;
		r.onProgress?.({ bytesDone: done, bytesTotal: r.size, counts: pipeline.counts });
	}
	const last = splitter.finish();
	if (last) {
		pipeline.addFileLine(last.text, name, last.lineNo, last.end);
		await turn(r);
	}
}

/**
 * Takes the lines the parse worker read and parsed, chunk by chunk. If the worker dies, the rest
 * of the file is read here, from the end of the last chunk taken.
 */
async function takeParsed(r: Reader, chunks: AsyncGenerator<ParsedChunk>): Promise<void> {
	const { pipeline } = r;
	const take = (records: ParsedRecord[], position: string) => pipeline.addParsed(records, position);
	let at = r.start;
	try {
		for await (const chunk of chunks) {
			decodeChunk(chunk, take);
			pipeline.markLines(chunk.end, chunk.lineNo, chunk.ignored);
			at = { offset: chunk.end, lineNo: chunk.lineNo };
			r.sinceYield += chunk.lines;
			await turn(r);
			r.onProgress?.({ bytesDone: chunk.end, bytesTotal: r.size, counts: pipeline.counts });
		}
	} catch (e) {
		if (!(e instanceof ParseWorkerLost)) throw e;
		await readLines({ ...r, start: at });
	}
}
