/**
 * `callboard ingest --follow FILE`: tails a growing log (a live queue_log) and survives
 * rotation. The checkpoint keeps the byte offset and the file's identity (inode and a
 * fingerprint of its first bytes), so:
 * - rename rotation (queue_log → queue_log.1 or queue_log-20260801, a new queue_log): the old
 *   file is read to its end through the descriptor still open, then the new one from byte 0;
 * - rotation while we were stopped: the rotated file is found in the same directory by its
 *   fingerprint and finished first;
 * - truncation in place (copytruncate): what the copy got after our last read is read from the
 *   copy (found by fingerprint), then the file again from byte 0.
 * New lines are read as soon as the directory says the file changed (inotify through fs.watch;
 * the POLL_MS poll stays as a fallback where no change is reported, e.g. network file systems),
 * and what a read found is handed to the writer as soon as the writer is free (at most flushMs
 * later; a batch is cut on size): a line appended reaches the screens without waiting for a
 * timer, and under a heavy stream lines wait in the file for one larger insert rather than in a
 * queue of small ones, each of which costs the engine nearly as much as a large one.
 */
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SourcePipeline } from '../pipeline.ts';
import type { IngestWriter } from '../ingestWriter.ts';
import { LineSplitter, formatPosition, parsePosition } from './lineSplitter.ts';
import { stageDone } from '../../src/lib/server/live/stages.ts';

const FINGERPRINT_BYTES = 256;
const POLL_MS = 100;

export type FileIdentity = { ino: number; fingerprint: string; fingerprintBytes: number };

async function identityOf(fh: FileHandle): Promise<FileIdentity> {
	const st = await fh.stat();
	const buf = Buffer.alloc(Math.min(FINGERPRINT_BYTES, st.size));
	if (buf.length) await fh.read(buf, 0, buf.length, 0);
	return { ino: st.ino, fingerprint: createHash('sha1').update(buf).digest('hex'), fingerprintBytes: buf.length };
}

/** Whether an open file still starts with the bytes it was identified by. */
async function sameStart(fh: FileHandle, id: FileIdentity): Promise<boolean> {
	const buf = Buffer.alloc(id.fingerprintBytes);
	const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
	return bytesRead === buf.length && createHash('sha1').update(buf).digest('hex') === id.fingerprint;
}

async function matches(path: string, id: FileIdentity): Promise<boolean> {
	let fh: FileHandle | undefined;
	try {
		fh = await open(path, 'r');
		const buf = Buffer.alloc(id.fingerprintBytes);
		const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
		return bytesRead === buf.length && createHash('sha1').update(buf).digest('hex') === id.fingerprint;
	} catch {
		return false;
	} finally {
		await fh?.close();
	}
}

/** A rotated copy of the file we were reading: same directory, name starting the same, same first bytes. */
async function findRotated(path: string, id: FileIdentity): Promise<string | null> {
	const dir = dirname(path);
	const base = basename(path);
	for (const name of (await readdir(dir)).sort()) {
		if (name === base || !name.startsWith(base)) continue;
		const candidate = join(dir, name);
		const st = await stat(candidate).catch(() => null);
		if (st?.ino === id.ino || (st && (await matches(candidate, id)))) return candidate;
	}
	return null;
}

export type FollowOptions = {
	path: string;
	pipeline: SourcePipeline;
	writer: IngestWriter;
	flushMs: number;
	signal: AbortSignal;
	log?: (line: string) => void;
	/** How often the file is looked at when no change is reported (POLL_MS; tests set it long). */
	pollMs?: number;
};

export async function followFile(opts: FollowOptions): Promise<void> {
	const { pipeline, writer, signal } = opts;
	const log = opts.log ?? (() => {});
	const saved = pipeline.extra as FileIdentity | undefined;
	let { offset, lineNo } = parsePosition(pipeline.position);

	let fh = await waitForFile(opts.path, signal);
	if (!fh) return;
	const changes = new Changes(opts.path, signal);
	let id = await identityOf(fh);
	if (saved && saved.fingerprintBytes > 0 && offset > 0) {
		const same = id.ino === saved.ino && (await matches(opts.path, saved));
		if (!same) {
			const rotated = await findRotated(opts.path, saved);
			if (rotated) {
				log(`ingest: ${opts.path} was rotated while stopped; finishing ${rotated} from byte ${offset}`);
				const old = await open(rotated, 'r');
				await drain(old, offset, lineNo, opts, saved, true);
				await old.close();
			} else log(`ingest: ${opts.path} changed while stopped and its old content was not found; starting the new file`);
			offset = 0;
			lineNo = 0;
		}
	}
	pipeline.extra = id;

	while (!signal.aborted) {
		// Truncated in place (copytruncate)? Checked before reading, or the new content would be
		// read from the old offset, mid-line. :TRICKY: the file may already have grown past
		// our offset again; its first bytes changing is what gives it away.
		const before = await fh.stat();
		if (offset > 0 && (before.size < offset || (id.fingerprintBytes > 0 && !(await sameStart(fh, id))))) {
			// Lines written after our last read and before the copy are only in the copy.
			const copy = await findRotated(opts.path, id);
			if (copy) {
				log(`ingest: ${opts.path} was truncated; finishing its copy ${copy} from byte ${offset}`);
				const old = await open(copy, 'r');
				await drain(old, offset, lineNo, opts, id, true);
				await old.close();
			} else log(`ingest: ${opts.path} was truncated; reading from the start`);
			offset = lineNo = 0;
			id = await identityOf(fh);
			pipeline.extra = id;
		}
		({ offset, lineNo } = await drain(fh, offset, lineNo, opts, id, false));
		if (signal.aborted) break;
		// Renamed away, with a new file in its place?
		const now = await stat(opts.path).catch(() => null);
		const st = await fh.stat();
		if (now && now.ino !== st.ino) {
			// Read whatever the old file got before it was renamed, then switch.
			({ offset, lineNo } = await drain(fh, offset, lineNo, opts, id, true));
			await fh.close();
			log(`ingest: ${opts.path} was rotated; following the new file`);
			fh = await open(opts.path, 'r');
			id = await identityOf(fh);
			offset = lineNo = 0;
			pipeline.extra = id;
			await pipeline.flush({ waitMs: 0 });
			continue;
		}
		await changes.next(opts.pollMs ?? POLL_MS);
		// The identity of a file shorter than the fingerprint grows with it.
		if (id.fingerprintBytes < FINGERPRINT_BYTES && st.size > id.fingerprintBytes) {
			id = await identityOf(fh);
			pipeline.extra = id;
		}
	}
	changes.close();
	await fh.close();
	await pipeline.flush({ waitMs: 0 });
	await writer.flushed();
}

/**
 * Changes in the followed file's directory (appends, renames, a new file): the read loop's wake-up,
 * with the poll as its timeout. A change reported while the loop reads is kept for its next wait.
 */
class Changes {
	#watcher: FSWatcher | null = null;
	#changed = false;
	#wake: (() => void) | null = null;

	constructor(path: string, signal: AbortSignal) {
		const name = basename(path);
		try {
			this.#watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
				if (file !== null && !String(file).startsWith(name)) return;
				this.#changed = true;
				this.#wake?.();
			});
			// A watch that fails later (the directory removed) leaves the poll.
			this.#watcher.on('error', () => this.close());
		} catch {
			// No change notification here: the poll alone.
		}
		signal.addEventListener('abort', () => this.#wake?.(), { once: true });
	}

	/** Resolves on the next change (or one seen since the last call), or after `ms`. */
	next(ms: number): Promise<void> {
		if (this.#changed) {
			this.#changed = false;
			return Promise.resolve();
		}
		return new Promise((resolve) => {
			const done = () => {
				clearTimeout(timer);
				this.#wake = null;
				this.#changed = false;
				resolve();
			};
			const timer = setTimeout(done, ms);
			this.#wake = done;
		});
	}

	close(): void {
		this.#watcher?.close();
		this.#watcher = null;
	}
}

/** Reads from `offset` to the current end, feeding complete lines and flushing on size or time. */
async function drain(
	fh: FileHandle,
	offset: number,
	lineNo: number,
	opts: FollowOptions,
	id: FileIdentity,
	final: boolean
): Promise<{ offset: number; lineNo: number }> {
	const { pipeline, writer } = opts;
	const splitter = new LineSplitter(offset, lineNo);
	const buf = Buffer.alloc(1 << 20);
	let pos = offset;
	let lastFlush = Date.now();
	let end = { offset, lineNo };
	/** When the oldest bytes not yet handed to the writer were read, and the time since spent waiting for the writer (performance.now()). */
	let readAt: number | null = null;
	let writerWait = 0;
	const handOver = async () => {
		const waiting = performance.now();
		await writer.waitForRoom();
		const room = performance.now();
		stageDone('follow_room', waiting, room);
		await pipeline.flush({ waitMs: 0 });
		if (readAt !== null) stageDone('follow_read', readAt, performance.now() - (room - waiting) - writerWait);
		readAt = null;
		writerWait = 0;
	};
	let waitedForWriter = false;
	for (;;) {
		const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
		if (bytesRead === 0) {
			// At the end of what is written, with the writer still inserting earlier batches: this
			// one would only queue behind them. Read on into it once the writer is free (or flushMs
			// has passed), so that the next insert takes everything written meanwhile.
			if (!final && !waitedForWriter && pipeline.hasPending && writer.pending > 0) {
				waitedForWriter = true;
				const waiting = performance.now();
				await writerFree(writer, opts.flushMs, opts.signal);
				stageDone('follow_room', waiting);
				writerWait += performance.now() - waiting;
				continue;
			}
			break;
		}
		readAt ??= performance.now();
		pos += bytesRead;
		for (const l of splitter.push(buf.subarray(0, bytesRead))) {
			pipeline.extra = id;
			pipeline.addLine(l.text, `${basename(opts.path)}:${l.lineNo}`, formatPosition(l.end, l.lineNo));
			end = { offset: l.end, lineNo: l.lineNo };
			if (pipeline.full) {
				await handOver();
				lastFlush = Date.now();
			}
		}
		if (opts.signal.aborted) break;
	}
	if (final) {
		const last = splitter.finish();
		if (last) {
			pipeline.addLine(last.text, `${basename(opts.path)}:${last.lineNo}`, formatPosition(last.end, last.lineNo));
			end = { offset: last.end, lineNo: last.lineNo };
		}
	}
	// The log's own time, run on by the wall clock only once it is live (streamClock): a log read
	// from its start must not have its old calls closed because the calendar moved on.
	pipeline.tick(Date.now());
	if (pipeline.hasPending || Date.now() - lastFlush >= opts.flushMs) await handOver();
	return end;
}

/** Resolves once the writer has written every batch it holds, or after `ms`. */
function writerFree(writer: IngestWriter, ms: number, signal: AbortSignal): Promise<void> {
	return Promise.race([writer.flushed(), sleep(ms, signal)]);
}

async function waitForFile(path: string, signal: AbortSignal): Promise<FileHandle | null> {
	let warned = false;
	while (!signal.aborted) {
		try {
			return await open(path, 'r');
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
			if (!warned) console.warn(`ingest: waiting for ${path} to appear`);
			warned = true;
			await sleep(POLL_MS * 5, signal);
		}
	}
	return null;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const t = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
	});
}
