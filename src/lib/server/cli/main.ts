/**
 * callboard's command line. Each subcommand lives in commands/<name>.ts with its help.
 * Errors end the process with a one-line message and a non-zero status, never a stack
 * trace for expected problems (bad arguments, bad configuration, a locked data directory).
 */
import { ConfigError } from '../config/index.ts';
import { MigrationError } from '../clickhouse/migrate.ts';
import { AccessError } from '../auth/accessStore.ts';
import { UsageError } from './args.ts';
import { RemoteError } from './adminTarget.ts';

type Command = { help: string; run(argv: string[]): Promise<void> };

const commands: Record<string, () => Promise<Command>> = {
	serve: () => import('./commands/serve.ts'),
	migrate: () => import('./commands/migrate.ts'),
	user: () => import('./commands/user.ts'),
	token: () => import('./commands/token.ts'),
	ingest: () => import('./commands/ingest.ts'),
	simulate: () => import('./commands/simulate.ts'),
	report: () => import('./commands/report.ts'),
	connect: () => import('./commands/connect.ts')
};

async function main(argv: string[]): Promise<void> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === 'help' || !commands[name]) {
		const helps = await Promise.all(Object.values(commands).map(async (load) => (await load()).help));
		console.log(`callboard: realtime contact-centre analytics\n\n${helps.join('\n\n')}`);
		if (name && name !== '--help' && name !== 'help') throw new UsageError(`unknown command "${name}"`);
		return;
	}
	const command = await commands[name]!();
	if (rest.includes('--help')) return void console.log(command.help);
	await command.run(rest);
}

main(process.argv.slice(2)).catch((e: unknown) => {
	const expected =
		[UsageError, ConfigError, MigrationError, AccessError, RemoteError].some((t) => e instanceof t) ||
		/in use by another callboard process|ingest spool .* is in use by process/.test((e as Error).message);
	console.error(`callboard: ${expected ? (e as Error).message : ((e as Error).stack ?? String(e))}`);
	process.exitCode = e instanceof UsageError ? 2 : 1;
});
