/** `callboard serve` builds the web app first when the build is missing or older than the sources. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../clickhouse/paths.ts';

function newestMtime(path: string): number {
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

export function buildIsStale(root = projectRoot()): boolean {
	const handler = join(root, 'build', 'handler.js');
	if (!existsSync(handler)) return true;
	const built = statSync(handler).mtimeMs;
	const sources = ['src', 'ingest', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => join(root, p));
	return sources.some((p) => existsSync(p) && newestMtime(p) > built);
}

export function buildApp(log: (line: string) => void, root = projectRoot()): void {
	log('building the web app (vite build)…');
	const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	if (!existsSync(vite)) throw new Error('vite is not installed: run "npm ci" first');
	const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}
