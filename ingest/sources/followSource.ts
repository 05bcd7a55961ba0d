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
 * Batches are flushed on size or after flushMs, so wallboards stay fresh.
 */
import { createHash } from 'node:crypto';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SourcePipeline } from '../pipeline.ts';
import type { IngestWriter } from '../ingestWriter.ts';
import { LineSplitter, formatPosition, parsePosition } from './lineSplitter.ts';

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
};

export async function followFile(opts: FollowOptions): Promise<void> {
	const { pipeline, writer, signal } = opts;
	const log = opts.log ?? (() => {});
	const saved = pipeline.extra as FileIdentity | undefined;
	let { offset, lineNo } = parsePosition(pipeline.position);

	let fh = await waitForFile(opts.path, signal);
	if (!fh) return;
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
		await sleep(POLL_MS, signal);
		// The identity of a file shorter than the fingerprint grows with it.
		if (id.fingerprintBytes < FINGERPRINT_BYTES && st.size > id.fingerprintBytes) {
			id = await identityOf(fh);
			pipeline.extra = id;
		}
	}
	await fh.close();
	await pipeline.flush({ waitMs: 0 });
	await writer.flushed();
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
	for (;;) {
		const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
		if (bytesRead === 0) break;
		pos += bytesRead;
		for (const l of splitter.push(buf.subarray(0, bytesRead))) {
			pipeline.extra = id;
			pipeline.addLine(l.text, `${basename(opts.path)}:${l.lineNo}`, formatPosition(l.end, l.lineNo));
			end = { offset: l.end, lineNo: l.lineNo };
			if (pipeline.full) {
				await writer.waitForRoom();
				await pipeline.flush({ waitMs: 0 });
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
	if (pipeline.hasPending || Date.now() - lastFlush >= opts.flushMs) {
		await writer.waitForRoom();
		await pipeline.flush({ waitMs: 0 });
	}
	return end;
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
