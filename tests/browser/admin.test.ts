/**
 * The administration page in real Chromium against the real server: an admin adds a supervisor
 * (who then signs in with the password shown once), makes a wallboard link for one site and
 * opens it, and revokes it; nobody else gets the page. Saves test-results/admin.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { closeBrowser, launchBrowser, recordCspViolations } from '../helpers/browser.ts';
import { signedInCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
let cspViolations: string[];

/** A browser context signed in with `cookie` ("cb_session=…"). */
async function contextWith(cookie: string): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
	const [name, ...value] = cookie.split('=');
	await context.addCookies([{ name: name!, value: value.join('='), url: server.url }]);
	return context;
}

beforeAll(async () => {
	server = await startServer();
	browser = await launchBrowser();
	admin = await contextWith(await signedInCookie(server, 'vadove', 'admin'));
	page = await admin.newPage();
	cspViolations = await recordCspViolations(page);
	// Confirmations (disable, revoke) are accepted, as a person would click OK.
	page.on('dialog', (d) => void d.accept());
}, 90_000);

afterAll(async () => {
	await closeBrowser(browser);
	await server?.stop();
});

describe('the administration page', () => {
	it('is linked from the dashboard for an admin, and lists the admin', async () => {
		await page.goto(`${server.url}/`);
		await page.click('a[href="/admin"]');
		await page.waitForURL(/\/admin$/);
		expect(await page.locator('h1').innerText()).toBe('Administravimas');
		expect(await page.locator('section').first().innerText()).toMatch(/vadove\s.*administratorius/);
		// No way to lock oneself out.
		expect(await page.locator('tr', { hasText: 'vadove' }).locator('form[action="?/disableUser"]').count()).toBe(0);
	});

	it('adds a supervisor whose password, shown once, signs in', async () => {
		await page.fill('form[action="?/addUser"] input[name=username]', 'Egle');
		await page.fill('form[action="?/addUser"] input[name=displayName]', 'Eglė');
		await page.click('form[action="?/addUser"] button');
		const shown = await page.locator('[data-testid=new-password]').innerText();
		const password = /:\s*(\S+)$/.exec(shown)?.[1];
		expect(shown).toMatch(/^egle ·/);
		expect(password).toMatch(/^[\w-]{16}$/);
		const login = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
			body: new URLSearchParams({ username: 'egle', password: password! }).toString()
		});
		expect(login.status).toBe(303);
		// Reloading the page does not show it again.
		await page.goto(`${server.url}/admin`);
		expect(await page.locator('[data-testid=new-password]').count()).toBe(0);
	});

	it('says a refused name or stream in Lithuanian', async () => {
		await page.fill('form[action="?/addUser"] input[name=username]', 'jūratė');
		await page.click('form[action="?/addUser"] button');
		expect(await page.locator('[role=alert]').innerText()).toContain('Naudotojo vardą sudaro 2–64 simboliai');
		await page.goto(`${server.url}/admin`);
		await page.selectOption('form[action="?/createToken"] select[name=role]', 'ingest');
		await page.fill('form[action="?/createToken"] input[name=streams]', 'pbx 1');
		await page.click('form[action="?/createToken"] button');
		expect(await page.locator('[role=alert]').innerText()).toContain('Srauto pavadinimą sudaro 1–100 simbolių');
	});

	it('makes a wallboard link for Šiauliai that opens that site’s board, and revokes it', async () => {
		await page.goto(`${server.url}/admin`);
		await page.fill('form[action="?/createToken"] input[name=name]', 'Šiaulių salės TV');
		await page.selectOption('form[action="?/createToken"] select[name=site]', 'siauliai');
		await page.click('form[action="?/createToken"] button');
		const link = await page.locator('[data-testid=wallboard-link]').getAttribute('href');
		expect(link).toMatch(new RegExp(`^${server.url}/wallboard/siauliai\\?token=cb_`));
		const tv = await browser.newPage();
		await tv.goto(link!);
		await expect.poll(async () => tv.locator('h1').first().innerText(), { timeout: 10_000 }).toContain('Šiauliai');
		await tv.close();

		await page.goto(`${server.url}/admin`);
		const row = page.locator('tr', { hasText: 'Šiaulių salės TV' });
		expect(await row.innerText()).toMatch(/aktyvus/);
		await row.locator('form[action="?/revokeToken"] button').click();
		await expect.poll(async () => page.locator('[role=status]').innerText(), { timeout: 10_000 }).toBe('Raktas atšauktas.');
		expect(await page.locator('tr', { hasText: 'Šiaulių salės TV' }).innerText()).toMatch(/atšauktas/);
		const token = new URL(link!).searchParams.get('token');
		expect((await fetch(`${server.url}/api/live`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/admin.png', fullPage: true });
	});

	it('disables a user: their session ends', async () => {
		const session = await signedInCookie(server, 'jonas', 'supervisor');
		await page.goto(`${server.url}/admin`);
		await page.locator('tr', { hasText: 'jonas' }).locator('form[action="?/disableUser"] button').click();
		await expect.poll(async () => page.locator('[role=status]').innerText(), { timeout: 10_000 }).toMatch(/Naudotojas išjungtas/);
		expect(await page.locator('tr', { hasText: 'jonas' }).innerText()).toMatch(/išjungtas/);
		expect((await fetch(`${server.url}/api/stats`, { headers: { cookie: session } })).status).toBe(401);
	});

	it('shows rejected input counted by reason class, in words, with the latest example', async () => {
		const made = await fetch(`${server.url}/api/admin/tokens`, {
			method: 'POST',
			headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ role: 'ingest', name: 'pbx', streams: ['pbx-1'] })
		});
		const { token } = (await made.json()) as { token: string };
		const long = `{"type":"call.left","ts":1795500000000,"call_id":"x","wait_ms":99999999,"reason":"${'z'.repeat(400)}"}`;
		const body = ['not json at all', 'not json either', '{"type":"call.teleported","ts":1795500000000,"call_id":"y"}', long].join('\n');
		const sent = await fetch(`${server.url}/api/ingest?format=ndjson&stream=pbx-1`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
		expect(sent.status).toBe(200);
		await page.goto(`${server.url}/admin`);
		const table = page.locator('[data-testid=rejected]');
		// One row per class, not per record: two not-JSON lines are one row counting 2.
		expect(await table.locator('tbody tr').count()).toBe(3);
		const notJson = await table.locator('tr[data-reason=not_json]').innerText();
		expect(notJson).toMatch(/Ne JSON formatas\s+visi\s+2/);
		expect(notJson).toContain('pbx-1 (ndjson)');
		expect(notJson).toMatch(/line is not JSON/);
		expect(notJson).toMatch(/not json (at all|either)/); // an example (the latest; these two came in the same millisecond)
		const wait = await table.locator('tr[data-reason=wait_too_long]').innerText();
		expect(wait).toContain('Laukimas ilgesnis, nei leidžia kanalas');
		expect(wait).toContain('99999999');
		// The text as received is shortened on the page; the link gives the records (the API).
		expect(wait).not.toContain('z'.repeat(200));
		expect(wait).toContain('…');
		const link = table.locator('tr[data-reason=wait_too_long] a');
		expect(await link.getAttribute('href')).toBe('/api/ingest/rejected?reason=wait_too_long&limit=1000');
		// English on the switch.
		await page.goto(`${server.url}/lang?to=en&next=/admin`);
		expect(await table.locator('tr[data-reason=wait_too_long]').innerText()).toContain('Wait longer than the channel allows');
		await page.goto(`${server.url}/lang?to=lt&next=/admin`);
		mkdirSync('test-results', { recursive: true });
		await table.screenshot({ path: 'test-results/admin-rejected.png' });
	});

	it('is refused to a supervisor, and broke no Content-Security-Policy rule', async () => {
		const supervisor = await contextWith(await signedInCookie(server, 'lina', 'supervisor'));
		const other = await supervisor.newPage();
		const res = await other.goto(`${server.url}/admin`);
		expect(res?.status()).toBe(403);
		await other.goto(`${server.url}/`);
		expect(await other.locator('a[href="/admin"]').count()).toBe(0);
		await supervisor.close();
		expect(cspViolations).toEqual([]);
	});
});
