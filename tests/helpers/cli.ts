/** Runs the real `callboard` command line as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export type Run = { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> };

export function callboard(args: string[], env: Record<string, string>): Run {
	const child = spawn(`${root}/bin/callboard`, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal, output }))
	);
	return { child, done };
}
