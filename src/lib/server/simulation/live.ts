/**
 * Simulated live traffic: the simulator's lifecycle events, in real time (or faster), through
 * the real ingest path. One batch per tick keeps wallboards as fresh as a real PBX feed.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import type { IngestWriter } from '../../../../ingest/ingestWriter.ts';
import { SourcePipeline } from '../../../../ingest/pipeline.ts';
import { liveDayStart, simulateLive } from '../../../../ingest/simulator/index.ts';

export type LiveRun = { stop: () => Promise<void>; events: () => number };

export async function startLiveTraffic(opts: {
	db: ClickHouseClient;
	writer: IngestWriter;
	config: Config;
	seed: number;
	/** Simulated seconds per real second. */
	speed: number;
	tickMs?: number;
	/** Where to send lines instead of the local pipeline (a remote server). */
	send?: (lines: string[]) => Promise<void>;
}): Promise<LiveRun> {
	const start = Date.now();
	// :TRICKY: the simulator replays the centre's day from midnight, the same events for the
	// same seed and day. The source is therefore (seed, day) and its position the number of
	// lines taken, so a restart later that day skips what was already ingested instead of
	// counting it again; positions also make the dedup tokens unique across restarts.
	const day = liveDayStart(opts.config, new Date(start));
	const sim = simulateLive({ config: opts.config, seed: opts.seed, start: new Date(start) });
	const pipeline = opts.send
		? null
		: await SourcePipeline.open(opts.db, {
				sourceId: `sim:live:${opts.seed}:${day.toISOString()}`,
				label: 'simulator',
				format: 'ndjson',
				config: opts.config,
				writer: opts.writer
			});
	let taken = 0;
	const skip = pipeline ? Number(pipeline.position) || 0 : 0;
	let events = 0;
	let stopped = false;
	let running: Promise<void> = Promise.resolve();
	const step = async () => {
		const simNow = start + (Date.now() - start) * opts.speed;
		const lines = sim.advanceTo(simNow);
		if (opts.send) {
			events += lines.length;
			if (lines.length) await opts.send(lines);
			return;
		}
		for (const line of lines) {
			taken++;
			if (taken <= skip) continue;
			events++;
			pipeline!.addLine(line, `simulator live line ${taken}`, String(taken));
		}
		pipeline!.advanceClock(simNow);
		if (!opts.writer.congested) await pipeline!.flush({ waitMs: 0 });
	};
	const timer = setInterval(() => {
		if (stopped) return;
		running = running.then(step).catch((e: unknown) => console.error(`simulator: ${(e as Error).message}`));
	}, opts.tickMs ?? 250);
	return {
		events: () => events,
		stop: async () => {
			stopped = true;
			clearInterval(timer);
			await running;
			if (pipeline) await pipeline.flush({ waitMs: 0 });
		}
	};
}
