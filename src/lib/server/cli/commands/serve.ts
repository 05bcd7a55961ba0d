import { getConfig } from '../../config/index.ts';
import { serve } from '../../http/serve.ts';
import { followSourcesPart } from '../../parts/followSources.ts';
import { demoPart } from '../../parts/demo.ts';
import { buildApp, buildIsStale } from '../build.ts';
import { parse } from '../args.ts';

export const help = `callboard serve [--no-build]
  Starts the web server on PORT (default 3000), migrating ClickHouse first.
  Builds the web app when the build is missing or older than the sources.`;

export async function run(argv: string[]): Promise<void> {
	const { values } = parse(argv, { 'no-build': { type: 'boolean' } });
	if (!values['no-build'] && buildIsStale()) buildApp(console.log);
	const running = await serve(getConfig(), [followSourcesPart(), demoPart()]);
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
