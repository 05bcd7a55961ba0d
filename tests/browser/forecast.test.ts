/**
 * The forecast panel on the dashboard in real Chromium against the real server, fed nine weeks
 * of simulated history through POST /api/ingest: a supervisor sees today's forecast, the next
 * working days with the fund's payment days, in Lithuanian and after the switch in English, and
 * at 1366 px nothing in the panel is cut off. Saves test-results/forecast.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launchBrowser, signInToDashboard } from '../helpers/browser.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { sendSimulatedHistory } from '../helpers/simulatedHistory.ts';
import { loadConfig } from '../../src/lib/server/config/index.ts';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	server = await startServer();
	const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
	const user = await fetch(`${server.url}/api/admin/users`, {
		method: 'POST',
		headers: admin,
		body: JSON.stringify({ username: 'rasa', password: 'correct-horse-battery', role: 'supervisor', displayName: 'Rasa' })
	});
	expect(user.status).toBe(201);
	const { token } = (await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role: 'ingest' }) })).json()) as { token: string };
	await sendSimulatedHistory(server.url, token, loadConfig({}), 63);
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
	await signInToDashboard(page, server.url, 'rasa', 'correct-horse-battery');
}, 240_000);
afterAll(async () => {
	await closeBrowser(browser);
	await server?.stop();
});

describe('the forecast panel', () => {
	it('shows the next working days with payment days, today by topic, and fits 1366 px', async () => {
		const panel = page.locator('section.forecast');
		await panel.waitFor({ timeout: 30_000 });
		await expect.poll(async () => panel.locator('.days li').count(), { timeout: 30_000 }).toBe(5);
		const text = await panel.innerText();
		expect(text).toMatch(/Artimiausios darbo dienos/);
		expect(text).toMatch(/Kaip skaičiuojama/);
		const days = await panel.locator('.days li').allInnerTexts();
		// Every day has a number of calls; a day with a fund event says its effect and where it comes from.
		for (const d of days) expect(d).toMatch(/: [\d\s]+/);
		for (const d of days.filter((x) => /mokėjimo diena|išmokų diena|indeksacija/.test(x))) expect(d).toMatch(/\+\d+\s%.*(įvertinta iš istorijos|numatyta nustatymuose)/);
		// Nothing in the panel wider than its box at 1366 px.
		const overflow = await panel.locator('.box').evaluateAll((boxes) => boxes.map((b) => b.scrollWidth - b.clientWidth));
		for (const o of overflow) expect(o).toBeLessThanOrEqual(1);
		mkdirSync('test-results', { recursive: true });
		await panel.screenshot({ path: 'test-results/forecast.png' });
	});

	it('speaks English after the switch', async () => {
		await page.goto(`${server.url}/lang?to=en&next=/`);
		const panel = page.locator('section.forecast');
		await expect.poll(async () => panel.locator('.days li').count(), { timeout: 30_000 }).toBe(5);
		const text = await panel.innerText();
		expect(text).toMatch(/Next working days/);
		expect(text).not.toMatch(/Artimiausios/);
	});
});
