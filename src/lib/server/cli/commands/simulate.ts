import { getConfig } from '../../config/index.ts';
import { closeStore, ensureDatabase, getStore } from '../../clickhouse/client.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { runStatement } from '../../clickhouse/sql.ts';
import { IngestWriter } from '../../../../../ingest/ingestWriter.ts';
import { Spool } from '../../../../../ingest/spool.ts';
import { simulateHistory } from '../../../../../ingest/simulator/index.ts';
import { backfillHistory, historyRange, simulatedCounts } from '../../simulation/history.ts';
import { startLiveTraffic } from '../../simulation/live.ts';
import { UsageError, parse } from '../args.ts';
import { remoteFrom, type Remote } from '../adminTarget.ts';
import { postLines } from '../ingestClient.ts';
import { progressBar } from '../progress.ts';

export const help = `callboard simulate --history [--years 10] [--seed N]
callboard simulate --live [--speed N] [--seed N]
callboard simulate --remove
  Simulated traffic of our centre through the real ingest path, marked as simulated.
  --history  backfill years of contacts up to now (refuses if simulated data exists)
  --live     feed lifecycle events in real time, or N times faster, until Ctrl-C
  --remove   delete every simulated row (real data is never touched)
  --server URL --token T   send to a running server (embedded mode while it runs)`;

export async function run(argv: string[]): Promise<void> {
	const { values } = parse(argv, {
		history: { type: 'boolean' },
		live: { type: 'boolean' },
		remove: { type: 'boolean' },
		years: { type: 'string' },
		seed: { type: 'string' },
		speed: { type: 'string' },
		server: { type: 'string' },
		token: { type: 'string' }
	});
	const modes = [values.history, values.live, values.remove].filter(Boolean).length;
	if (modes !== 1) throw new UsageError(help);
	const seed = Number(values.seed ?? 1);
	const years = Number(values.years ?? 10);
	const speed = Number(values.speed ?? 1);
	if (!Number.isInteger(seed) || !(years > 0 && years <= 30) || !(speed > 0 && speed <= 10_000))
		throw new UsageError('--seed is a whole number, --years 1 to 30, --speed above 0');
	const remote = remoteFrom(values);
	if (remote) {
		if (values.remove) throw new UsageError('--remove works on the store directly; stop the server in embedded mode');
		return values.history ? historyToServer(remote, years, seed) : liveToServer(remote, seed, speed);
	}
	const config = getConfig();
	await ensureDatabase(config);
	const store = await getStore(config);
	const writer = new IngestWriter(store.client, new Spool(config.ingest.spoolDir, config.ingest.spoolMaxBytes), (l) => console.error(l), {
		fromFiles: store.mode === 'embedded'
	});
	try {
		await migrate(store.client);
		if (values.remove) {
			const before = await simulatedCounts(store.client);
			for (const t of ['call_events', 'agent_events', 'contacts', 'contacts_15m', 'contacts_1h', 'ewt_estimates', 'forecast_intervals', 'checkpoints'])
				await runStatement(store.client, `simulated/delete_${t}`);
			console.log(`removed ${before.simulated.toLocaleString('en-US')} simulated contacts and their events; ${before.real.toLocaleString('en-US')} real contacts kept`);
			return;
		}
		if (values.history) {
			const counts = await simulatedCounts(store.client);
			if (counts.simulated > 0)
				throw new UsageError(`there are already ${counts.simulated.toLocaleString('en-US')} simulated contacts; run "callboard simulate --remove" first`);
			const started = Date.now();
			const bar = progressBar('history');
			const result = await backfillHistory({
				db: store.client,
				writer,
				config,
				range: historyRange(config, years, seed),
				onProgress: (n) => bar.update(n, 0, `${n.toLocaleString('en-US')} contacts, ${Math.round(n / ((Date.now() - started) / 1000)).toLocaleString('en-US')}/s`)
			});
			bar.end();
			console.log(`simulated history: ${result.accepted.toLocaleString('en-US')} contacts over ${years} years in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			return;
		}
		const live = await startLiveTraffic({ db: store.client, writer, config, seed, speed });
		console.error(`simulating live traffic at ${speed}× real time; Ctrl-C to stop`);
		await new Promise<void>((resolve) => {
			process.once('SIGINT', resolve);
			process.once('SIGTERM', resolve);
		});
		await live.stop();
		console.log(`${live.events().toLocaleString('en-US')} simulated events sent`);
	} finally {
		await writer.flushed();
		await writer.stop();
		await closeStore();
	}
}

/** The simulator writes to these two streams: a token for it must allow them. */
const FORBIDDEN =
	'the simulator writes to the streams simulator-history and simulator-live: use an admin token, or an ingest token made with --stream simulator-history,simulator-live';

async function postSimulated(remote: Remote, stream: string, lines: string[]): Promise<void> {
	await postLines(remote, 'ndjson', lines.join('\n'), stream, FORBIDDEN);
}

async function historyToServer(remote: Remote, years: number, seed: number): Promise<void> {
	const { from, to } = historyRange(getConfig(), years, seed);
	const bar = progressBar('history');
	let batch: string[] = [];
	let n = 0;
	for (const line of simulateHistory({ config: getConfig(), seed, from, to })) {
		batch.push(line);
		if (batch.length === 20_000) {
			await postSimulated(remote, 'simulator-history', batch);
			n += batch.length;
			batch = [];
			bar.update(n, 0, `${n.toLocaleString('en-US')} contacts sent`);
		}
	}
	if (batch.length) await postSimulated(remote, 'simulator-history', batch);
	bar.end();
	console.log(`simulated history sent: ${(n + batch.length).toLocaleString('en-US')} contacts`);
}

async function liveToServer(remote: Remote, seed: number, speed: number): Promise<void> {
	const config = getConfig();
	const live = await startLiveTraffic({
		db: undefined as never,
		writer: undefined as never,
		config,
		seed,
		speed,
		send: (lines) => postSimulated(remote, 'simulator-live', lines)
	});
	console.error(`sending simulated live traffic to ${remote.server} at ${speed}× real time; Ctrl-C to stop`);
	await new Promise<void>((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	await live.stop();
}
