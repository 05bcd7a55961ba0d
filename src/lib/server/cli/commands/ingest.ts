import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { getConfig } from '../../config/index.ts';
import { closeStore, ensureDatabase, getStore } from '../../clickhouse/client.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { FORMAT_NAMES, FORMATS, isFormat } from '../../../../../ingest/formats.ts';
import { IngestWriter } from '../../../../../ingest/ingestWriter.ts';
import { Spool } from '../../../../../ingest/spool.ts';
import { ingestFile } from '../../../../../ingest/sources/fileSource.ts';
import { followFile } from '../../../../../ingest/sources/followSource.ts';
import { SourcePipeline } from '../../../../../ingest/pipeline.ts';
import type { FormatName } from '../../../../../ingest/types.ts';
import { UsageError, parse, readStdin } from '../args.ts';
import { RemoteError, refused, remoteFrom, send, type Remote } from '../adminTarget.ts';
import { progressBar } from '../progress.ts';

export const help = `callboard ingest --format FORMAT FILE|-  [--follow] [--server URL --token T] [--stream NAME]
  Formats: ${FORMAT_NAMES.join(', ')}.
  Reads a file (or stdin "-") into ClickHouse, exactly once: the same file again changes
  nothing, and a run that was killed resumes where it stopped.
  --follow   tail a growing log (a live queue_log) across rotation; resumes after a restart.
             Not through --server: a running server follows logs itself (INGEST_SOURCE)
  --server   send to a running callboard server instead (needed in embedded mode while the
             server runs, since it holds the data directory); --token is an ingest token.
             Bodies the server finds too large go again in halves (lines, or conversations)
  --stream   with --server, which of the token's event streams (its default without it);
             with --follow, the name the followed log's position is kept under`;

/** Largest body sent to a server in one request (well under its 32 MiB default limit). */
const CHUNK_BYTES = 8 * 1024 * 1024;

export async function run(argv: string[]): Promise<void> {
	const { values, positionals } = parse(argv, {
		format: { type: 'string' },
		follow: { type: 'boolean' },
		server: { type: 'string' },
		token: { type: 'string' },
		stream: { type: 'string' }
	});
	const format = values.format;
	if (!format || !isFormat(format)) throw new UsageError(`--format is one of ${FORMAT_NAMES.join(', ')}`);
	const file = positionals[0];
	if (!file) throw new UsageError('name a FILE to ingest, or "-" for standard input');
	const remote = remoteFrom(values);
	if (remote && values.follow)
		throw new UsageError(
			'--follow reads into this machine\'s store, not through --server. A running server follows logs itself: ' +
				'give it INGEST_SOURCE=FORMAT:PATH (see the README), or run the follower against a ClickHouse server (CLICKHOUSE_URL).'
		);
	if (remote) return sendToServer(remote, format, file, values.stream);
	if (values.follow) return followLocally(format, file, values.stream);
	return ingestLocally(format, file);
}

async function withWriter<T>(fn: (ctx: { db: import('@clickhouse/client').ClickHouseClient; writer: IngestWriter }) => Promise<T>): Promise<T> {
	const config = getConfig();
	await ensureDatabase(config);
	let store;
	try {
		store = await getStore(config);
	} catch (e) {
		if (/in use by another callboard process/.test((e as Error).message))
			throw new Error(
				`${(e as Error).message}\nIn embedded mode the running server hosts the ingest worker: add --server http://localhost:${config.port} --token <ingest token>.`
			);
		throw e;
	}
	try {
		await migrate(store.client);
		const writer = new IngestWriter(store.client, new Spool(config.ingest.spoolDir, config.ingest.spoolMaxBytes), (l) => console.error(l), {
			fromFiles: store.mode === 'embedded'
		});
		try {
			return await fn({ db: store.client, writer });
		} finally {
			await writer.flushed();
			await writer.stop();
		}
	} finally {
		await closeStore();
	}
}

async function ingestLocally(format: FormatName, file: string): Promise<void> {
	let path = file;
	let cleanup = () => {};
	if (file === '-') {
		const dir = mkdtempSync(join(tmpdir(), 'callboard-stdin-'));
		path = join(dir, 'stdin');
		writeFileSync(path, await readStdin());
		cleanup = () => rmSync(dir, { recursive: true, force: true });
	}
	const started = Date.now();
	const bar = progressBar(basename(file));
	try {
		const result = await withWriter(({ db, writer }) =>
			ingestFile({
				path: resolve(path),
				format,
				config: getConfig(),
				db,
				writer,
				label: file === '-' ? 'stdin' : basename(file),
				onProgress: (p) => bar.update(p.bytesDone, p.bytesTotal, `${p.counts.accepted} accepted, ${p.counts.rejected} rejected`)
			})
		);
		bar.end();
		const secs = (Date.now() - started) / 1000;
		if (result.alreadyDone) {
			console.log(`${file}: already ingested (source ${result.sourceId}); nothing to do`);
			return;
		}
		console.log(
			`${file}: ${result.accepted} accepted, ${result.duplicates} duplicates, ${result.rejected} rejected, ${result.ignored} ignored` +
				`${result.resumedAt ? ` (resumed at byte ${result.resumedAt})` : ''} in ${secs.toFixed(1)} s`
		);
		if (result.rejected) console.log('  rejected records are kept with their reasons: GET /api/ingest/rejected');
	} finally {
		cleanup();
	}
}

async function followLocally(format: FormatName, file: string, stream?: string): Promise<void> {
	if (file === '-') throw new UsageError('--follow needs a file, not standard input');
	if (FORMATS[format].kind !== 'lines') throw new UsageError(`--follow works with line formats, not ${format}`);
	const path = resolve(file);
	const config = getConfig();
	await withWriter(async ({ db, writer }) => {
		const pipeline = await SourcePipeline.open(db, {
			sourceId: `follow:${stream ?? path}:${format}`,
			label: stream ?? basename(path),
			format,
			config,
			writer
		});
		const abort = new AbortController();
		process.once('SIGINT', () => abort.abort());
		process.once('SIGTERM', () => abort.abort());
		console.error(`following ${path} (${format}); Ctrl-C to stop`);
		await followFile({ path, pipeline, writer, flushMs: config.ingest.flushMs, signal: abort.signal, log: (l) => console.error(l) });
	});
}

async function sendToServer(remote: Remote, format: FormatName, file: string, stream?: string): Promise<void> {
	if (FORMATS[format].kind === 'document') {
		const text = file === '-' ? await readStdin() : readFileSync(file, 'utf8');
		const results = await postDocument(remote, format, text, stream);
		const total = (k: 'accepted' | 'duplicates' | 'rejected') => results.reduce((n, r) => n + r[k], 0);
		const status = [...new Set(results.map((r) => r.status))].join(', ');
		console.log(`${file}: ${total('accepted')} accepted, ${total('duplicates')} duplicates, ${total('rejected')} rejected (${status})`);
		return;
	}
	const total = file === '-' ? 0 : statSync(file).size;
	const input = file === '-' ? process.stdin : createReadStream(file);
	const bar = progressBar(basename(file));
	const sum = { accepted: 0, duplicates: 0, rejected: 0, ignored: 0 };
	let carry = '';
	let sent = 0;
	const sendBody = async (text: string) => {
		for (const r of await postLines(remote, format, text, stream)) for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += r[k];
	};
	for await (const chunk of input) {
		carry += (chunk as Buffer).toString('utf8');
		// Cut at the last complete line so a body never splits a record.
		if (carry.length >= CHUNK_BYTES) {
			const cut = carry.lastIndexOf('\n') + 1;
			if (cut > 0) {
				await sendBody(carry.slice(0, cut));
				sent += Buffer.byteLength(carry.slice(0, cut));
				carry = carry.slice(cut);
				bar.update(sent, total, `${sum.accepted} accepted`);
			}
		}
	}
	if (carry) await sendBody(carry);
	bar.end();
	console.log(`${file}: ${sum.accepted} accepted, ${sum.duplicates} duplicates, ${sum.rejected} rejected, ${sum.ignored} ignored`);
}

type PostResult = { accepted: number; duplicates: number; rejected: number; ignored: number; status: string };

/**
 * A document (Genesys records); one the server finds too large goes again as two
 * `{"conversations": […]}` halves. Conversations are identified by their ids, so a half
 * sent twice counts once.
 */
async function postDocument(remote: Remote, format: FormatName, body: string, stream?: string): Promise<PostResult[]> {
	try {
		return [await post(remote, format, body, stream)];
	} catch (e) {
		if (!(e instanceof TooLarge)) throw e;
		let list: unknown;
		try {
			const doc = JSON.parse(body) as unknown;
			list = Array.isArray(doc) ? doc : (doc as { conversations?: unknown }).conversations;
		} catch {
			throw e;
		}
		if (!Array.isArray(list) || list.length < 2) throw new TooLarge(`${e.message} (one conversation is larger than the server takes)`);
		const mid = list.length >> 1;
		const half = (part: unknown[]) => postDocument(remote, format, JSON.stringify({ conversations: part }), stream);
		return [...(await half(list.slice(0, mid))), ...(await half(list.slice(mid)))];
	}
}

/** The server's body limit (INGEST_MAX_BODY_BYTES) is below what we sent. */
class TooLarge extends RemoteError {}

/** A body of whole lines; one the server finds too large (413) goes again in halves. */
async function postLines(remote: Remote, format: FormatName, body: string, stream?: string): Promise<PostResult[]> {
	try {
		return [await post(remote, format, body, stream)];
	} catch (e) {
		if (!(e instanceof TooLarge)) throw e;
		// The line end nearest the middle, before it or else after it.
		let mid = body.lastIndexOf('\n', (body.length >> 1) - 1) + 1;
		if (mid <= 0) mid = body.indexOf('\n', body.length >> 1) + 1;
		if (mid <= 0 || mid >= body.length) throw new TooLarge(`${e.message} (one line is larger than the server takes)`);
		return [...(await postLines(remote, format, body.slice(0, mid), stream)), ...(await postLines(remote, format, body.slice(mid), stream))];
	}
}

/** One body, retried with backoff on 503 and network errors; the server dedupes retries. */
async function post(remote: Remote, format: FormatName, body: string, stream?: string): Promise<PostResult> {
	const url = new URL('/api/ingest', remote.server);
	url.searchParams.set('format', format);
	if (stream) url.searchParams.set('stream', stream);
	for (let attempt = 0; ; attempt++) {
		let res: Response;
		try {
			res = await send(remote, url, { method: 'POST', headers: { authorization: `Bearer ${remote.token}`, 'content-type': 'text/plain' }, body });
		} catch (e) {
			if (attempt >= 20) throw e;
			await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
			continue;
		}
		if (res.ok) return (await res.json()) as PostResult;
		const text = await res.text();
		if (res.status === 413) throw new TooLarge(refused(remote, res.status, text).message);
		if (res.status === 403) throw refused(remote, res.status, text, 'an ingest token writes only to its streams: see callboard token list');
		if (res.status !== 503 || attempt >= 20) throw refused(remote, res.status, text);
		await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 5) * 1000));
	}
}
