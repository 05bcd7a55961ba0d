/**
 * The ClickHouse HTTP shim (./clickhouseHttpShim.ts) in a child process of its own, for a test
 * process that needs chDB for something else (chDB binds one data directory per process) or
 * that wants the engine out of its heap. The child is the project's Node 24 (found by
 * scripts/find-node24.sh) running this very file, which strips the types itself; parent and
 * child talk over the IPC channel, so stop() and start() are the shim's own (the child and its
 * engine stay up while the port is closed). If the test process dies, the child closes the
 * engine and exits when it loses the channel.
 *
 *   const ch = await spawnClickHouseShim(dir.path);
 *   const client = createClient({ url: ch.url });
 *   await ch.stop(); … ECONNREFUSED … await ch.start();
 *   await ch.close();
 */
import { execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));

export type ShimProcess = {
	url: string;
	port: number;
	pid: number;
	/** Everything the child wrote to stdout and stderr. */
	logs(): string;
	/** Stops listening and drops open connections; the engine and its data stay. */
	stop(): Promise<void>;
	/** Listens again on the same port. */
	start(): Promise<void>;
	/** Closes the engine and waits for the child to exit (killing it after 30 s). */
	close(): Promise<void>;
};

type Command = 'stop' | 'start' | 'close';
type FromChild = { type: 'ready'; url: string; port: number } | { type: 'reply'; id: number; ok: boolean; error?: string } | { type: 'failed'; error: string };

export async function spawnClickHouseShim(dataDir: string, port?: number): Promise<ShimProcess> {
	const node = execFileSync('sh', [`${root}scripts/find-node24.sh`], { encoding: 'utf8' }).trim();
	const child = spawn(node, ['--disable-warning=ExperimentalWarning', here, resolve(dataDir), String(port ?? 0)], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe', 'ipc']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
	const pending = new Map<number, { ok: () => void; fail: (e: Error) => void }>();
	let nextId = 1;
	let gone = false;
	child.once('exit', (code, signal) => {
		gone = true;
		for (const p of pending.values()) p.fail(new Error(`the ClickHouse shim process exited (${signal ?? code}):\n${output}`));
		pending.clear();
	});
	child.on('message', (m: FromChild) => {
		if (m.type !== 'reply') return;
		const p = pending.get(m.id);
		pending.delete(m.id);
		if (m.ok) p?.ok();
		else p?.fail(new Error(m.error));
	});

	const ready = await new Promise<{ url: string; port: number }>((ok, fail) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			fail(new Error(`the ClickHouse shim process did not start in 60 s:\n${output}`));
		}, 60_000);
		child.on('message', (m: FromChild) => {
			if (m.type === 'ready') {
				clearTimeout(timer);
				ok(m);
			} else if (m.type === 'failed') {
				clearTimeout(timer);
				fail(new Error(`the ClickHouse shim process failed to start: ${m.error}\n${output}`));
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			fail(new Error(`the ClickHouse shim process exited with ${code} before listening:\n${output}`));
		});
	});

	const call = (cmd: Command) =>
		new Promise<void>((ok, fail) => {
			if (gone) return fail(new Error(`the ClickHouse shim process is not running:\n${output}`));
			const id = nextId++;
			pending.set(id, { ok, fail });
			child.send({ id, cmd });
		});

	return {
		url: ready.url,
		port: ready.port,
		pid: child.pid!,
		logs: () => output,
		stop: () => call('stop'),
		start: () => call('start'),
		close: async () => {
			if (!gone) {
				const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
				await call('close').catch(() => {});
				await exited;
				clearTimeout(timer);
			}
		}
	};
}

// --- The child: `node clickhouseShimProcess.ts DATA_DIR PORT` with an IPC channel. ----------
async function child(): Promise<void> {
	const send = (m: FromChild) => new Promise<void>((ok) => (process.connected ? process.send!(m, undefined, undefined, () => ok()) : ok()));
	// Imported here so that a test process spawning the child never loads chDB itself.
	const { startClickHouseShim } = await import('./clickhouseHttpShim.ts');
	let shim: Awaited<ReturnType<typeof startClickHouseShim>>;
	try {
		shim = await startClickHouseShim({ dataDir: process.argv[2]!, port: Number(process.argv[3]) || undefined });
	} catch (e) {
		await send({ type: 'failed', error: (e as Error).stack ?? String(e) });
		process.exit(1);
	}
	let closing: Promise<void> | undefined;
	const shutdown = () => (closing ??= shim.close());
	process.on('message', async (m: { id: number; cmd: Command }) => {
		try {
			await (m.cmd === 'close' ? shutdown() : shim[m.cmd]());
			await send({ type: 'reply', id: m.id, ok: true });
		} catch (e) {
			await send({ type: 'reply', id: m.id, ok: false, error: (e as Error).stack ?? String(e) });
		}
		if (m.cmd === 'close') {
			if (process.connected) process.disconnect();
			process.exit(0);
		}
	});
	// The test process went away without closing: release the engine and go too.
	process.on('disconnect', () => void shutdown().finally(() => process.exit(0)));
	await send({ type: 'ready', url: shim.url, port: shim.port });
}

if (process.argv[1] && resolve(process.argv[1]) === here && process.send) void child();
