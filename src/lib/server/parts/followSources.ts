/**
 * The server follows the logs named in INGEST_SOURCE itself: in embedded mode no other
 * process may write the data directory. Each is a `--follow` source with its own checkpoint.
 */
import { basename, resolve } from 'node:path';
import type { ServerPart } from '../http/serve.ts';
import { SourcePipeline } from '../../../../ingest/pipeline.ts';
import { followFile } from '../../../../ingest/sources/followSource.ts';

export function followSourcesPart(): ServerPart {
	const abort = new AbortController();
	const running: Promise<void>[] = [];
	return {
		name: 'follow-sources',
		async start(app) {
			for (const source of app.config.ingest.sources) {
				const path = resolve(source.path);
				const pipeline = await SourcePipeline.open(app.store.client, {
					sourceId: `follow:${source.name ?? path}:${source.format}`,
					label: source.name ?? basename(path),
					format: source.format,
					config: app.config,
					writer: app.ingest.writer
				});
				console.log(`ingest: following ${path} (${source.format})`);
				running.push(
					followFile({ path, pipeline, writer: app.ingest.writer, flushMs: app.config.ingest.flushMs, signal: abort.signal, log: console.log }).catch(
						(e: unknown) => console.error(`ingest: following ${path} stopped: ${(e as Error).message}`)
					)
				);
			}
		},
		async stop() {
			abort.abort();
			await Promise.allSettled(running);
		}
	};
}
