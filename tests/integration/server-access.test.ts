/**
 * The built server over real HTTP: secure by default. Every request below goes through the
 * real hooks, cookies and tokens of a `callboard serve` child process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { signedInCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function createToken(role: string, site?: string): Promise<string> {
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { ...bearer(server.adminToken), 'content-type': 'application/json' },
		body: JSON.stringify({ role, site, name: `test ${role}` })
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
	server = await startServer();
}, 90_000);
afterAll(async () => server?.stop());

describe('the built server', () => {
	it('answers /healthz without credentials, with ClickHouse and migrations checked', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'ok', mode: 'embedded', checks: { clickhouse: 'ok', migrations: 'current' } });
	});

	it('prints a one-time sign-in link on a fresh start with no admin', () => {
		expect(server.logs()).toMatch(/No administrator exists yet/);
		expect(server.logs()).toMatch(/\/setup\?code=[\w-]{20,}/);
	});

	it('sends a page request without credentials to the sign-in page', async () => {
		const res = await fetch(`${server.url}/`, { redirect: 'manual' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/login?next=%2F');
		expect((await fetch(`${server.url}/login`)).status).toBe(200);
	});

	it('answers 401 to an API call without a token, and to an unknown token', async () => {
		for (const path of ['/api/stats', '/metrics', '/api/admin/users', '/api/ingest']) {
			const res = await fetch(`${server.url}${path}`);
			expect(res.status, path).toBe(401);
		}
		const res = await fetch(`${server.url}/api/stats`, { headers: bearer('cb_not-a-real-token') });
		expect(res.status).toBe(401);
		expect(await res.json()).toEqual({ error: 'the token is unknown or revoked' });
	});

	it('lets a wallboard token read its board but never write', async () => {
		const token = await createToken('wallboard');
		expect((await fetch(`${server.url}/api/live`, { headers: bearer(token) })).status).toBe(200);
		const write = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: bearer(token), body: '{}' });
		expect(write.status).toBe(403);
		const admin = await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: bearer(token), body: '{}' });
		expect(admin.status).toBe(403);
	});

	it('keeps a site token to its own site', async () => {
		const token = await createToken('wallboard', 'siauliai');
		const own = await fetch(`${server.url}/api/live?site=siauliai`, { headers: bearer(token) });
		expect(own.status).toBe(200);
		expect(((await own.json()) as { site: string }).site).toBe('siauliai');
		const other = await fetch(`${server.url}/api/live?site=panevezys`, { headers: bearer(token) });
		expect(other.status).toBe(403);
		// Without a site it still sees only its own.
		const unscoped = await fetch(`${server.url}/api/live`, { headers: bearer(token) });
		expect(((await unscoped.json()) as { site: string }).site).toBe('siauliai');
	});

	it('limits wallboards and supervisors to one site, never an admin (it could issue itself an all-sites token)', async () => {
		const add = (role: string) =>
			fetch(`${server.url}/api/admin/users`, {
				method: 'POST',
				headers: { ...bearer(server.adminToken), 'content-type': 'application/json' },
				body: JSON.stringify({ username: `site-${role}`, password: 'correct-horse-battery', role, site: 'siauliai' })
			});
		const admin = await add('admin');
		expect(admin.status).toBe(400);
		expect(((await admin.json()) as { error: string }).error).toBe('admins read every site; only supervisors and wallboards can be limited to one site');
		expect((await add('supervisor')).status).toBe(201);
	});

	it('refuses a large body anywhere but ingest before reading it (the sign-in form needs no credentials)', async () => {
		// On a connection of its own: the server answers without reading the body, so it closes the
		// connection, which would break the next test's request if it shared fetch's pool.
		const status = await new Promise<number>((resolve, reject) => {
			const req = request(`${server.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'content-length': 2 * 1024 * 1024 } });
			// Only the start of the body is sent: the answer must come from the declared length alone.
			req.on('response', (res) => (res.resume(), resolve(res.statusCode!), req.destroy()));
			req.on('error', reject);
			req.write('username=');
		});
		expect(status).toBe(413);
	});

	it('lets an ingest token write but not read', async () => {
		const token = await createToken('ingest');
		expect((await fetch(`${server.url}/api/stats`, { headers: bearer(token) })).status).toBe(403);
		expect((await fetch(`${server.url}/metrics`, { headers: bearer(token) })).status).toBe(403);
	});

	it('keeps an ingest token to the event streams it was issued for', async () => {
		const issue = async (body: object) => {
			const res = await fetch(`${server.url}/api/admin/tokens`, {
				method: 'POST',
				headers: { ...bearer(server.adminToken), 'content-type': 'application/json' },
				body: JSON.stringify({ role: 'ingest', ...body })
			});
			return { status: res.status, body: (await res.json()) as { id: string; token: string; error?: string } };
		};
		const send = (token: string, stream?: string) =>
			fetch(`${server.url}/api/ingest?format=ndjson${stream ? `&stream=${stream}` : ''}`, { method: 'POST', headers: bearer(token), body: '\n' });
		const pbxA = (await issue({ name: 'pbx A', streams: ['pbx-a'] })).body;
		expect((await send(pbxA.token, 'pbx-a')).status).toBe(200);
		expect((await send(pbxA.token)).status).toBe(200); // its first stream is its default
		const refused = await send(pbxA.token, 'pbx-b');
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as { error: string }).error).toBe('this token writes only to the stream(s) "pbx-a", not "pbx-b"');
		// Issued without streams: only the stream named by its id.
		const plain = (await issue({ name: 'plain' })).body;
		expect((await send(plain.token)).status).toBe(200);
		expect((await send(plain.token, plain.id)).status).toBe(200);
		expect((await send(plain.token, 'pbx-a')).status).toBe(403);
		// '*' is any stream; an admin writes to any stream.
		const any = (await issue({ name: 'any', streams: ['*'] })).body;
		expect((await send(any.token, 'pbx-b')).status).toBe(200);
		expect((await send(server.adminToken, 'pbx-b')).status).toBe(200);
		// Streams are for ingest tokens only, and named by the rule.
		expect((await issue({ streams: ['bad name'] })).body.error).toBe('"bad name": a stream name is 1–100 letters, digits, ".", "@", "_" or "-"');
		const wallboard = await fetch(`${server.url}/api/admin/tokens`, {
			method: 'POST',
			headers: { ...bearer(server.adminToken), 'content-type': 'application/json' },
			body: JSON.stringify({ role: 'wallboard', streams: ['pbx-a'] })
		});
		expect(wallboard.status).toBe(400);
	});

	it('stops accepting a revoked token', async () => {
		const create = await fetch(`${server.url}/api/admin/tokens`, {
			method: 'POST',
			headers: { ...bearer(server.adminToken), 'content-type': 'application/json' },
			body: JSON.stringify({ role: 'wallboard' })
		});
		const { id, token } = (await create.json()) as { id: string; token: string };
		expect((await fetch(`${server.url}/api/live`, { headers: bearer(token) })).status).toBe(200);
		await fetch(`${server.url}/api/admin/tokens/${id}`, { method: 'DELETE', headers: bearer(server.adminToken) });
		// The revoking process forgets its cache at once; others within 5 s.
		expect((await fetch(`${server.url}/api/live`, { headers: bearer(token) })).status).toBe(401);
	});

	it('creates the first admin through the one-time link, then signs in with a cookie', async () => {
		const code = /\/setup\?code=([\w-]+)/.exec(server.logs())![1]!;
		const form = (data: Record<string, string>) => ({
			method: 'POST',
			redirect: 'manual' as const,
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
			body: new URLSearchParams(data).toString()
		});
		// Refused input is said in the page's language (Lithuanian by default), and keeps the code.
		// (A browser posts to the page's own address, the code in it.)
		const refused = await fetch(`${server.url}/setup?code=${code}`, form({ code, username: 'jūratė', password: 'correct-horse-battery', password2: 'correct-horse-battery' }));
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Naudotojo vardą sudaro 2–64 simboliai: lotyniškos raidės be diakritikos ženklų');
		const setup = await fetch(`${server.url}/setup`, form({ code, username: 'chief', password: 'correct-horse-battery', password2: 'correct-horse-battery' }));
		expect(setup.status).toBe(303);
		const cookie = setup.headers.get('set-cookie')!;
		expect(cookie).toMatch(/cb_session=v1\./);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/);
		// The link works once.
		const again = await fetch(`${server.url}/setup`, form({ code, username: 'mallory', password: 'correct-horse-battery', password2: 'correct-horse-battery' }));
		expect(again.status).toBe(400);
		// A wrong password is refused; the right one gives a session that reads the API.
		expect((await fetch(`${server.url}/login`, form({ username: 'chief', password: 'wrong-password!' }))).status).toBe(400);
		const login = await fetch(`${server.url}/login`, form({ username: 'chief', password: 'correct-horse-battery' }));
		expect(login.status).toBe(303);
		const session = login.headers.get('set-cookie')!.split(';')[0]!;
		const users = await fetch(`${server.url}/api/admin/users`, { headers: { cookie: session } });
		expect(users.status).toBe(200);
		expect(((await users.json()) as { users: { username: string }[] }).users.map((u) => u.username)).toContain('chief');
		// A cookie-authenticated write from another origin is refused.
		const csrf = await fetch(`${server.url}/api/admin/tokens`, {
			method: 'POST',
			headers: { cookie: session, origin: 'http://evil.example', 'content-type': 'application/json' },
			body: JSON.stringify({ role: 'admin' })
		});
		expect(csrf.status).toBe(403);
		// Signing out ends the session on the server: a copy of the cookie no longer works.
		const logout = await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: session, origin: server.url } });
		expect(logout.status).toBe(303);
		expect(logout.headers.get('set-cookie')).toMatch(/cb_session=;/);
		expect((await fetch(`${server.url}/api/admin/users`, { headers: { cookie: session } })).status).toBe(401);
		// A new sign-in works as before.
		const again2 = await fetch(`${server.url}/login`, form({ username: 'chief', password: 'correct-horse-battery' }));
		const fresh = again2.headers.get('set-cookie')!.split(';')[0]!;
		expect((await fetch(`${server.url}/api/admin/users`, { headers: { cookie: fresh } })).status).toBe(200);
	});

	it('lets a wallboard user (read-only) sign out too, ending the session on the server', async () => {
		const session = await signedInCookie(server, 'tv-siauliai', 'wallboard');
		expect((await fetch(`${server.url}/api/live`, { headers: { cookie: session } })).status).toBe(200);
		// From another site, no: the cross-site check applies to signing out as to any write.
		expect((await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: session, origin: 'http://evil.example' } })).status).toBe(403);
		const logout = await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: session, origin: server.url } });
		expect(logout.status).toBe(303);
		expect((await fetch(`${server.url}/api/live`, { headers: { cookie: session } })).status).toBe(401);
	});

	it('stops a name after 10 wrong passwords in 15 minutes, even with the right one (429)', async () => {
		await fetch(`${server.url}/api/admin/users`, {
			method: 'POST',
			headers: { ...bearer(server.adminToken), 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'guessed', password: 'correct-horse-battery', role: 'supervisor' })
		});
		const attempt = (password: string) =>
			fetch(`${server.url}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
				body: new URLSearchParams({ username: 'guessed', password }).toString()
			});
		for (let i = 0; i < 10; i++) expect((await attempt(`wrong-password-${i}`)).status).toBe(400);
		const blocked = await attempt('correct-horse-battery');
		expect(blocked.status).toBe(429);
		expect(await blocked.text()).toContain('Per daug nesėkmingų bandymų. Bandykite vėl po 15 min.');
	});

	it('serves Prometheus metrics to an admin', async () => {
		const res = await fetch(`${server.url}/metrics`, { headers: bearer(server.adminToken) });
		expect(res.status).toBe(200);
		expect(await res.text()).toMatch(/process_cpu_seconds_total/);
	});
});

describe('admin API errors', () => {
	it('answers a refused request with 400 and the reason, not 500', async () => {
		const res = await fetch(`${server.url}/api/admin/tokens`, {
			method: 'POST',
			headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ role: 'ingest', site: 'siauliai' })
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ error: 'only wallboard tokens can be limited to one site' });
		const gone = await fetch(`${server.url}/api/admin/tokens/no-such-id`, { method: 'DELETE', headers: { authorization: `Bearer ${server.adminToken}` } });
		expect(gone.status).toBe(404);
	});
});

describe('access rules cannot be side-stepped by encoding the path', () => {
	it('applies the admin, operator and ingest rules to percent-encoded paths too', async () => {
		const res = await fetch(`${server.url}/api/admin/tokens`, {
			method: 'POST',
			headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ role: 'wallboard' })
		});
		const wallboard = ((await res.json()) as { token: string }).token;
		const as = (token: string, path: string, init: RequestInit = {}) =>
			fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
		for (const path of ['/api/%61dmin/users', '/api/admin/%75sers', '/api/%61dmin/tokens', '/%6detrics', '/api/%69ngest/rejected', '/api/%63ontacts'])
			expect((await as(wallboard, path)).status, path).toBe(403);
		const mint = await as(wallboard, '/api/%61dmin/tokens', { method: 'POST', body: JSON.stringify({ role: 'admin' }), headers: { 'content-type': 'application/json' } });
		expect(mint.status).toBe(403);
		expect((await as(wallboard, '/api/%69ngest?format=ndjson', { method: 'POST', body: '{}' })).status).toBe(403);
		expect((await fetch(`${server.url}/api/%E0%A4%A`)).status).toBe(400);
	});
});
