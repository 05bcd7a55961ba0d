/**
 * `callboard user passwd` and `user disable` through a running server (in embedded mode the only
 * way while it runs): both take effect at once and end the person's open sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callboard } from '../helpers/cli.ts';
import { signedInCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
}, 90_000);
afterAll(async () => server?.stop());

const cli = (...args: string[]) => callboard(['user', ...args, '--server', server.url, '--token', server.adminToken], {}).done;
const stats = (cookie: string) => fetch(`${server.url}/api/stats`, { headers: { cookie } });
const signIn = (username: string, password: string) =>
	fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
		body: new URLSearchParams({ username, password }).toString()
	});

describe('user commands through the server', () => {
	it('changes a password: the new one signs in, the old session ends', async () => {
		const session = await signedInCookie(server, 'ruta', 'supervisor');
		expect((await stats(session)).status).toBe(200);
		const run = await cli('passwd', 'ruta');
		expect(run.code, run.output).toBe(0);
		const generated = /password: (\S+)/.exec(run.output)?.[1];
		expect(generated, run.output).toBeTruthy();
		expect((await stats(session)).status).toBe(401);
		expect((await signIn('ruta', generated!)).status).toBe(303);
		expect((await signIn('ruta', 'correct-horse-battery')).status).toBe(400);
	});

	it('disables a user: no sign-in, the open session ends', async () => {
		const session = await signedInCookie(server, 'jonas', 'supervisor');
		const run = await cli('disable', 'Jonas'); // names are kept in lower case; any case finds them
		expect(run.code, run.output).toBe(0);
		expect((await stats(session)).status).toBe(401);
		expect((await signIn('jonas', 'correct-horse-battery')).status).toBe(400);
		const list = await cli('list');
		expect(list.output).toMatch(/^jonas\tsupervisor\tall sites\tdisabled$/m);
	});

	it('refuses an unknown user in one line, and anyone but an admin', async () => {
		const run = await cli('disable', 'nobody');
		expect(run.code).toBe(1);
		expect(run.output).toContain(`404 from ${server.url}: no user "nobody"`);
		expect(run.output, 'a stack trace was printed').not.toMatch(/^\s+at /m);
		const supervisor = await signedInCookie(server, 'lina', 'supervisor');
		const res = await fetch(`${server.url}/api/admin/users/lina`, { method: 'DELETE', headers: { cookie: supervisor, origin: server.url } });
		expect(res.status).toBe(403);
		// An admin cannot lock themselves out.
		const admin = await signedInCookie(server, 'vyr-admin', 'admin');
		const self = await fetch(`${server.url}/api/admin/users/Vyr-Admin`, { method: 'DELETE', headers: { cookie: admin, origin: server.url } });
		expect(self.status).toBe(400);
		expect((await fetch(`${server.url}/api/stats`, { headers: { cookie: admin } })).status).toBe(200);
	});
});
