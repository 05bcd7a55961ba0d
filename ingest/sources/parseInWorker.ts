/**
 * The main thread's side of parseWorker.ts: one worker per process, started with the first
 * large file and kept (unreferenced while idle, so it never holds the process open) for the
 * next, whose parsing then runs compiled from its first line. One file at a time: a second
 * file while it is busy is parsed on the calling thread (`parsedChunks` returns null).
 */
import { Worker } from 'node:worker_threads';
import type { ParsedChunk } from './parsedChunk.ts';
import type { FromWorker, ParseJob, ToWorker } from './parseWorker.ts';

/** The worker died (crashed, ran out of memory, was stopped): the file can go on without it. */
export class ParseWorkerLost extends Error {
	override name = 'ParseWorkerLost';
}

let shared: Worker | null = null;
let busy = false;
let nextId = 1;

function worker(): Worker {
	if (shared) return shared;
	const w = new Worker(new URL('./parseWorker.ts', import.meta.url));
	const forget = () => {
		if (shared === w) shared = null;
	};
	w.on('exit', forget);
	w.on('error', forget);
	w.unref();
	shared = w;
	return w;
}

/**
 * Starts the worker ahead of its first file, so that it loads and compiles its modules while the
 * caller does something else (fingerprints the file, opens its checkpoint).
 */
export function startParseWorker(): void {
	worker();
}

/** Ends the worker (the next large file starts another); a file it was reading goes on without it. */
export async function stopParseWorker(): Promise<void> {
	const w = shared;
	shared = null;
	await w?.terminate();
}

/** Whether the worker is parsing a file now (a file started meanwhile is parsed on its caller's thread). */
export function parseWorkerBusy(): boolean {
	return busy;
}

/**
 * The parsed chunks of one file, in order, or null when the worker is busy with another. The
 * caller takes each chunk before asking for the next; stopping early (break, throw) ends the job.
 * If the worker dies, the generator throws ParseWorkerLost after the last chunk it delivered.
 */
export function parsedChunks(job: Omit<ParseJob, 'id'>): AsyncGenerator<ParsedChunk> | null {
	if (busy) return null;
	busy = true;
	return run({ ...job, id: nextId++ });
}

async function* run(job: ParseJob): AsyncGenerator<ParsedChunk> {
	const w = worker();
	const queue: FromWorker[] = [];
	let failure: Error | null = null;
	let wake: (() => void) | null = null;
	const arrived = () => {
		wake?.();
		wake = null;
	};
	const onMessage = (m: FromWorker) => {
		if (m.id !== job.id) return;
		queue.push(m);
		arrived();
	};
	const onError = (e: Error) => {
		failure = new ParseWorkerLost(`the parse worker failed while reading ${job.name}: ${e.message}`);
		arrived();
	};
	const onExit = (code: number) => {
		failure ??= new ParseWorkerLost(`the parse worker stopped (exit code ${code}) while reading ${job.name}`);
		arrived();
	};
	w.on('message', onMessage);
	w.on('error', onError);
	w.on('exit', onExit);
	// Referenced while it works: the main thread then only waits for its messages.
	w.ref();
	let finished = false;
	try {
		w.postMessage({ type: 'job', job } satisfies ToWorker);
		for (;;) {
			let m = queue.shift();
			while (m === undefined) {
				if (failure) throw failure;
				await new Promise<void>((r) => (wake = r));
				m = queue.shift();
			}
			if (m.type === 'done') {
				finished = true;
				return;
			}
			if (m.type === 'error') {
				finished = true;
				throw Object.assign(new Error(`parsing ${job.name}: ${m.message}`), { stack: m.stack });
			}
			yield m.chunk;
			w.postMessage({ type: 'taken', id: job.id } satisfies ToWorker);
		}
	} finally {
		w.off('message', onMessage);
		w.off('error', onError);
		w.off('exit', onExit);
		w.unref();
		// A job left half-read keeps reading into a queue nobody takes; end the worker instead.
		if (!finished && shared === w) {
			shared = null;
			void w.terminate();
		}
		busy = false;
	}
}
