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
import { remoteFrom, type Remote } from '../adminTarget.ts';
import { postDocument, postLines } from '../ingestClient.ts';
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

