import { getConfig } from '../../config/index.ts';
import { serve } from '../../http/serve.ts';
import { followSourcesPart } from '../../parts/followSources.ts';
import { demoPart } from '../../parts/demo.ts';
import { reportFreezerPart } from '../../parts/reportFreezer.ts';
import { genesysPart } from '../../parts/genesys.ts';
import { forecastPart } from '../../parts/forecast.ts';
import { exportSchedulerPart } from '../../parts/exportScheduler.ts';
import { buildApp, buildIsStale } from '../build.ts';
import { parse } from '../args.ts';

export const help = `callboard serve [--no-build] [--no-demo]
  Starts the web server on PORT (default 3000), migrating ClickHouse first.
  Builds the web app when the build is missing or older than the sources.
  On an empty database it backfills simulated history and keeps simulated live calls
  flowing, unless --no-demo, CALLBOARD_DEMO=off or a real source (INGEST_SOURCE) is set.`;

export async function run(argv: string[]): Promise<void> {
	const { values } = parse(argv, { 'no-build': { type: 'boolean' }, 'no-demo': { type: 'boolean' } });
	if (!values['no-build'] && buildIsStale()) buildApp(console.log);
	const config = getConfig();
	if (values['no-demo']) config.demo = false;
	const demo = demoPart();
	const running = await serve(config, [followSourcesPart(), genesysPart(), demo, reportFreezerPart({ waitFor: () => demo.historyLoaded() }), forecastPart(), exportSchedulerPart()]);
	const stop = async (signal: string) => {
		console.log(`${signal}: shutting down`);
		const hard = setTimeout(() => process.exit(1), 15_000);
		hard.unref();
		await running.close();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop('SIGINT'));
	process.once('SIGTERM', () => void stop('SIGTERM'));
}
