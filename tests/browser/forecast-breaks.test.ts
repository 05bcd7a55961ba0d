/**
 * The lunch-overlap warning in the forecast panel, in real Chromium against the real server
 * (issue #19): the break scene of tests/helpers/breakScene.ts (Ona on lunch since 11:50, Jonas
 * owing his, Rasa back from hers, 12:10 on the next working day by the server's event clock) sent
 * through POST /api/ingest; a supervisor sees "… pietų pertraukos palieka 1 konsultantą, reikia N"
 * for pensions, in English after the switch, with the consultants after breaks per quarter hour,
 * and axe finds nothing wrong in the panel. Saves test-results/forecast-breaks.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launchBrowser, signInToDashboard } from '../helpers/browser.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { sendBreakScene } from '../helpers/breakScene.ts';
import { loadConfig } from '../../src/lib/server/config/index.ts';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	server = await startServer({ EWT_CLOCK: 'events', EWT_REFRESH_MS: '250' });
	const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
	const user = await fetch(`${server.url}/api/admin/users`, {
		method: 'POST',
		headers: admin,
		body: JSON.stringify({ username: 'vedeja', password: 'correct-horse-battery', role: 'supervisor', displayName: 'Vedėja' })
	});
	expect(user.status).toBe(201);
	const { token } = (await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role: 'ingest' }) })).json()) as { token: string };
	const day = await sendBreakScene(server.url, token, loadConfig({}));
	// The server has read the clock's event and the consultants: the projection is the scene's.
	for (let tries = 0; ; tries++) {
		const v = (await (await fetch(`${server.url}/api/forecast`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json()) as { date: string; rest: { topic: string; warnings: unknown[] }[] };
		if (v.date === day.date && v.rest.find((r) => r.topic === 'pensions')!.warnings.length > 0) break;
		if (tries > 150) throw new Error(`no warning in the projection after 150 s: ${JSON.stringify(v.rest.map((r) => r.warnings))}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
	await signInToDashboard(page, server.url, 'vedeja', 'correct-horse-battery');
}, 300_000);
afterAll(async () => {
	await closeBrowser(browser);
	await server?.stop();
});

describe('the lunch-overlap warning in the forecast panel', () => {
	it('says which quarter hours the lunches leave short, in Lithuanian, and axe finds nothing in the panel', async () => {
		const warnings = page.locator('section.forecast .warnings');
		await warnings.waitFor({ timeout: 30_000 });
		const text = await warnings.innerText();
		expect(text).toMatch(/Pertraukų persidengimas/);
		expect(text).toMatch(/Pensijos \d\d:\d\d–\d\d:\d\d: pietų pertraukos palieka 1 konsultantą, reikia \d+/);
		expect(text).toMatch(/Tik šiandien/);
		const header = await page.locator('section.forecast').innerText();
		expect(header).toMatch(/Konsultantų po pertraukų/);
		const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
		// Evaluated through the debugging protocol: the page's CSP (rightly) allows no injected <script>.
		await page.evaluate(readFileSync(axe, 'utf8'));
		const violations = await page.evaluate(async () => {
			const r = await (window as unknown as { axe: { run: (el: Element) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run(document.querySelector('section.forecast')!);
			return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
		});
		expect(violations).toEqual([]);
		mkdirSync('test-results', { recursive: true });
		await page.locator('section.forecast .box').nth(1).screenshot({ path: 'test-results/forecast-breaks.png' });
	});

	it('in English after the switch', async () => {
		await page.goto(`${server.url}/lang?to=en&next=/`);
		const warnings = page.locator('section.forecast .warnings');
		await warnings.waitFor({ timeout: 30_000 });
		expect(await warnings.innerText()).toMatch(/Pensions \d\d:\d\d–\d\d:\d\d: lunch breaks leave 1 consultant, \d+ needed/);
	});
});
