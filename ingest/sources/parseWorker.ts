/**
 * A worker thread that parses files for fileSource.ts: for each job it reads the file from a
 * position, splits it into lines, parses them and posts ParsedChunks to the thread that runs
 * the pipeline. Parsing is a third of the JavaScript of an ingest; here it runs beside the rest
 * instead of before it. At most IN_FLIGHT chunks of a job wait untaken, so the reader keeps the
 * pipeline's pace. The worker stays for the next file (parseInWorker.ts), its parsers compiled.
 */
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { Config } from '../../src/lib/server/config/schema.ts';
import { FORMATS } from '../formats.ts';
import { nameMapping } from '../mapping.ts';
import type { FormatName, ParseContext } from '../types.ts';
import { LineSplitter } from './lineSplitter.ts';
import { ChunkEncoder, transferList, type ParsedChunk } from './parsedChunk.ts';

/** One file to parse: from byte `offset`, which is after line `lineNo`. */
export type ParseJob = { id: number; path: string; name: string; sourceId: string; format: FormatName; config: Config; offset: number; lineNo: number };

export type ToWorker = { type: 'job'; job: ParseJob } | { type: 'taken'; id: number };

export type FromWorker =
	| { type: 'chunk'; id: number; chunk: ParsedChunk }
	| { type: 'done'; id: number }
	| { type: 'error'; id: number; message: string; stack?: string };

/** Lines per chunk: a few milliseconds of the pipeline's work, so the writer gets its turns between. */
const LINES_PER_CHUNK = 1024;
/** Chunks posted and not yet taken. */
const IN_FLIGHT = 8;

const port = parentPort!;
let current = -1;
let credit = 0;
let wake: (() => void) | null = null;

port.on('message', (m: ToWorker) => {
	if (m.type === 'job') {
		current = m.job.id;
		credit = IN_FLIGHT;
		run(m.job).then(
			() => port.postMessage({ type: 'done', id: m.job.id } satisfies FromWorker),
			(e: unknown) => {
				const err = e as Error;
				port.postMessage({ type: 'error', id: m.job.id, message: err.message ?? String(e), stack: err.stack } satisfies FromWorker);
			}
		);
	} else if (m.id === current) {
		credit++;
		wake?.();
		wake = null;
	}
});

async function run(job: ParseJob): Promise<void> {
	const spec = FORMATS[job.format];
	if (spec.kind !== 'lines') throw new Error(`${job.format} is parsed as whole documents`);
	const parse = spec.create();
	const ctx: ParseContext = { sourceId: job.sourceId, position: '', mapping: nameMapping(job.config), timeZone: job.config.pbxTimeZone };
	const splitter = new LineSplitter(job.offset, job.lineNo);
	const encoder = new ChunkEncoder();
	let end = job.offset;
	let lineNo = job.lineNo;
	const post = async () => {
		while (credit === 0) await new Promise<void>((r) => (wake = r));
		credit--;
		const chunk = encoder.take(end, lineNo);
		port.postMessage({ type: 'chunk', id: job.id, chunk } satisfies FromWorker, transferList(chunk));
	};
	for await (const bytes of createReadStream(job.path, { start: job.offset, highWaterMark: 1 << 20 })) {
		splitter.load(bytes as Buffer);
		while (splitter.next()) {
			encoder.addLine(parse(splitter.text, ctx), splitter.text, job.name, splitter.lineNo);
			end = splitter.end;
			lineNo = splitter.lineNo;
			if (encoder.lines === LINES_PER_CHUNK) await post();
		}
	}
	const last = splitter.finish();
	if (last) {
		encoder.addLine(parse(last.text, ctx), last.text, job.name, last.lineNo);
		end = last.end;
		lineNo = last.lineNo;
	}
	if (encoder.lines > 0) await post();
}
