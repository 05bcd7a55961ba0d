/**
 * Locates the project's `sql/` directory. Code runs from three places (sources under
 * Node's type stripping, Vite's dev server and the adapter-node bundle in build/), so the
 * directory is found by walking up from this module, with CALLBOARD_HOME as an override
 * for deployments that move build/ elsewhere.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function projectRoot(): string {
	if (cached) return cached;
	const fromEnv = process.env.CALLBOARD_HOME;
	const starts = [fromEnv, dirname(fileURLToPath(import.meta.url)), process.cwd()].filter(
		(s): s is string => !!s
	);
	for (const start of starts) {
		let dir = resolve(start);
		for (;;) {
			if (existsSync(join(dir, 'sql', 'migrations'))) return (cached = dir);
			const up = dirname(dir);
			if (up === dir) break;
			dir = up;
		}
	}
	throw new Error('cannot find the sql/ directory; set CALLBOARD_HOME to the callboard install directory');
}

export const sqlDir = (...parts: string[]) => join(projectRoot(), 'sql', ...parts);
