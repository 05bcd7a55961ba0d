/**
 * Starts the real, built server (`callboard serve --no-build`) as a child process on a free
 * port with its own data directory, and stops it. Needs `vite build` to have run (npm test
 * does it first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tempDir } from './tempDir.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type TestServer = {
	url: string;
	logs: () => string;
	dataDir: string;
	adminToken: string;
	stop: () => Promise<void>;
	/** Stops the process but keeps its data directory (restart tests). */
	kill: (signal?: NodeJS.Signals) => Promise<void>;
};

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export async function startServer(env: Record<string, string> = {}, opts: { dataDir?: string; port?: number } = {}): Promise<TestServer> {
	if (!existsSync(`${root}/build/handler.js`))
		throw new Error('build/handler.js is missing: the server tests need "vite build" first (npm test runs it)');
	const dir = opts.dataDir ? { path: opts.dataDir, remove: () => {} } : tempDir('server');
	const child: ChildProcess = spawn(`${root}/bin/callboard`, ['serve', '--no-build'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(opts.port ?? 0),
			HOST: '127.0.0.1',
			DATA_DIR: dir.path,
			CALLBOARD_ADMIN_TOKEN: ADMIN_TOKEN,
			CALLBOARD_DEMO: 'off',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
		const check = () => {
			const m = /listening on (http:\/\/\S+)/.exec(output);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]!);
			}
		};
		child.stdout!.on('data', check);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code} before listening:\n${output}`));
		});
	});
	const exited = new Promise<void>((resolve) =>
		child.once('exit', (code, signal) => {
			output += `\n[server process exited: code ${code}, signal ${signal}]\n`;
			resolve();
		})
	);
	const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
		if (child.exitCode === null) child.kill(signal);
		// The server exits by itself within 15 s of SIGTERM; past that, a test must not hang on it.
		const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(force);
	};
	return {
		url: url.replace('localhost', '127.0.0.1'),
		logs: () => output,
		dataDir: dir.path,
		adminToken: ADMIN_TOKEN,
		kill,
		stop: async () => {
			await kill();
			dir.remove();
		}
	};
}

/**
 * Creates a user through the admin API and signs them in with the form, as a browser would;
 * returns the session cookie (`cb_session=…`) to send with later requests. A `site` makes a
 * supervisor a site's team leader (limited to it).
 */
export async function signedInCookie(server: TestServer, username: string, role: 'supervisor' | 'wallboard' | 'admin', site?: string): Promise<string> {
	const password = 'correct-horse-battery';
	const made = await fetch(`${server.url}/api/admin/users`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ username, password, role, site })
	});
	if (made.status !== 201) throw new Error(`creating ${username}: ${made.status} ${await made.text()}`);
	const login = await fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
		body: new URLSearchParams({ username, password }).toString()
	});
	const cookie = login.headers.get('set-cookie');
	if (login.status !== 303 || !cookie) throw new Error(`signing in ${username}: ${login.status}`);
	return cookie.split(';')[0]!;
}
