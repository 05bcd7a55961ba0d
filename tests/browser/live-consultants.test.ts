/**
 * Consultants one by one in real Chromium against the real server fed through /api/ingest: a
 * supervisor sees each consultant's state and time in state as the events say, ticking, with
 * a long break marked in words; a site's page lists only that site; a wallboard is refused the
 * page. Saves test-results/consultants.png (1366 px wide).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launchBrowser, recordCspViolations } from '../helpers/browser.ts';
import { signedInCookie, startServer, type TestServer } from '../helpers/server.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { earlierToday } from '../helpers/today.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
let cspViolations: string[];
const configDir = tempDir('consultants-ui');
const MIN = 60_000;
const base = earlierToday(40 * MIN);

beforeAll(async () => {
	const config = join(configDir.path, 'config.json');
	writeFileSync(config, JSON.stringify({ consultants: { longNotReadyMinutes: 10, longCallMinutes: 60 } }));
	server = await startServer({ CALLBOARD_CONFIG: config });
	const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
	const { token } = (await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role: 'ingest' }) })).json()) as { token: string };
	const events = [
		{ type: 'agent.state', ts: base, agent: 'ona', site: 'siauliai', state: 'logged_in', topics: ['pensions'] },
		{ type: 'agent.state', ts: base + 1_000, agent: 'ona', state: 'available' },
		{ type: 'agent.state', ts: base + 5 * MIN, agent: 'ona', state: 'not_ready', reason: 'lunch' },
		{ type: 'agent.state', ts: base + 10 * MIN, agent: 'jonas', site: 'panevezys', state: 'logged_in', topics: ['benefits'] },
		{ type: 'agent.state', ts: base + 10 * MIN, agent: 'jonas', state: 'available' },
		{ type: 'call.queued', ts: base + 36 * MIN, call_id: 'u-1', topic: 'benefits' },
		{ type: 'call.answered', ts: base + 37 * MIN, call_id: 'u-1', agent: 'jonas', site: 'panevezys' },
		{ type: 'agent.state', ts: base + 37 * MIN, agent: 'jonas', state: 'on_call' }
	];
	const res = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: events.map((e) => JSON.stringify(e)).join('\n') });
	expect(await res.json()).toMatchObject({ accepted: events.length });
	const cookie = await signedInCookie(server, 'rasa', 'supervisor');
	browser = await launchBrowser();
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const [name, value] = cookie.split('=') as [string, string];
	await context.addCookies([{ name, value, url: server.url }]);
	page = await context.newPage();
	cspViolations = await recordCspViolations(page);
}, 300_000);

afterAll(async () => {
	await closeBrowser(browser);
	await server?.stop();
	configDir.remove();
});

/** "m:ss" or "h:mm:ss" as seconds. */
const seconds = (text: string) => text.trim().split(':').reduce((s, part) => s * 60 + Number(part), 0);

describe('consultants on the dashboard', () => {
	it('shows each consultant’s state and time in state as the events say, ticking, a long break in words', async () => {
		await page.goto(`${server.url}/`);
		const ona = page.locator('section.consultants tr[data-agent=ona]');
		await expect.poll(async () => ona.count(), { timeout: 15_000 }).toBe(1);
		expect(await ona.innerText()).toMatch(/Šiauliai\s+Nepasiekiamas: pietūs\s*Ilgai nepasiekiamas \(> 10 min\)/);
		const jonas = page.locator('section.consultants tr[data-agent=jonas]');
		expect(await jonas.innerText()).toMatch(/Panevėžys\s+Pokalbyje: Išmokos/);
		// Time in state: from the first event of the state (lunch at base + 5 min, not the login),
		// ticking. The screen counts on the server's clock as the frames' asOf shows it, the start
		// of a tick: on this loaded machine a tick has taken 5 s, so a few seconds' lag is allowed
		// (the nearest other event, the login, is 5 minutes away).
		const read = async () => seconds(await ona.locator('td.num').first().innerText());
		const first = await read();
		expect(Math.abs(first - (Date.now() - (base + 5 * MIN)) / 1000)).toBeLessThanOrEqual(10);
		await expect.poll(read, { timeout: 5_000 }).toBeGreaterThanOrEqual(first + 2);
		// Those past a limit first.
		expect(await page.locator('section.consultants tbody tr').first().getAttribute('data-agent')).toBe('ona');
		// A filter by state.
		await page.locator('section.consultants label:has-text("Būsena") select').selectOption('on_call');
		await expect.poll(async () => page.locator('section.consultants tbody tr').count()).toBe(1);
		expect(await page.locator('section.consultants tbody tr').getAttribute('data-agent')).toBe('jonas');
		mkdirSync('test-results', { recursive: true });
		await page.locator('section.consultants label:has-text("Būsena") select').selectOption('');
		await page.screenshot({ path: 'test-results/consultants-dashboard.png', fullPage: false });
		expect(cspViolations).toEqual([]);
	}, 60_000);

	it('lists only the site’s consultants on a site’s page', async () => {
		await page.goto(`${server.url}/consultants?site=siauliai`);
		await expect.poll(async () => page.locator('section.consultants tbody tr').count(), { timeout: 15_000 }).toBe(1);
		expect(await page.locator('section.consultants tbody tr').getAttribute('data-agent')).toBe('ona');
		expect(await page.locator('h1').innerText()).toBe('Konsultantai · Šiauliai');
		await page.screenshot({ path: 'test-results/consultants.png', fullPage: true });
	}, 60_000);

	it('refuses the page to a wallboard (its token belongs in a URL only on the board itself)', async () => {
		const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
		const { token } = (await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role: 'wallboard' }) })).json()) as { token: string };
		const inUrl = await fetch(`${server.url}/consultants?token=${token}`, { headers: { accept: 'text/html' } });
		expect(inUrl.status).toBe(401);
		const res = await fetch(`${server.url}/consultants`, { headers: { accept: 'text/html', authorization: `Bearer ${token}` } });
		expect(res.status).toBe(403);
		expect(await res.text()).toContain('an admin or supervisor');
	});
});
