import { loadConfig } from './load.ts';
import type { Config } from './schema.ts';

export type { Config, Topic, Site } from './schema.ts';
export { loadConfig, ConfigError } from './load.ts';

const KEY = Symbol.for('callboard.config');
type Holder = { [KEY]?: Config };

/** The process-wide configuration, read from the environment on first use. */
export function getConfig(): Config {
	const g = globalThis as Holder;
	return (g[KEY] ??= loadConfig());
}

/** For the CLI and tests: install a configuration before anything reads it. */
export function setConfig(config: Config): void {
	(globalThis as Holder)[KEY] = config;
}
