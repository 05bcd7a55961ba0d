/**
 * Scheduled exports on the administration page in real Chromium against the real server, at
 * 1366 px: an admin adds a daily interval report to the folder (in Lithuanian), sends it now,
 * sees it in the send log and finds the file, then removes the schedule. The block fits its
 * width (no horizontal overflow). Saves test-results/admin-exports.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launchBrowser, recordCspViolations } from '../helpers/browser.ts';
import { signedInCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
let cspViolations: string[];

beforeAll(async () => {
	server = await startServer();
	browser = await launchBrowser();
	const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	const [name, ...value] = (await signedInCookie(server, 'vadove', 'admin')).split('=');
	await context.addCookies([{ name: name!, value: value.join('='), url: server.url }]);
	page = await context.newPage();
	cspViolations = await recordCspViolations(page);
}, 90_000);

afterAll(async () => {
	await closeBrowser(browser);
	await server?.stop();
});

describe('scheduled exports on /admin', () => {
	it('adds, sends now, logs and removes a schedule', async () => {
		await page.goto(`${server.url}/admin`);
		const block = page.locator('[data-testid=scheduled-exports]');
		await expect.poll(() => block.locator('h2').innerText()).toBe('Suplanuotos ataskaitos');
		await block.locator('select').first().selectOption('interval');
		await block.locator('button', { hasText: 'Pridėti' }).click();
		await expect.poll(() => block.locator('tbody').first().innerText()).toMatch(/Intervalų \(vakar\) · CSV · 15 min · visas centras · LT\s+Į aplanką/);

		await block.locator('button', { hasText: 'Siųsti dabar' }).click();
		await expect.poll(() => page.locator('[data-testid=export-log] tbody').innerText(), { timeout: 30_000 }).toMatch(/callboard-intervals-\d{4}-\d{2}-\d{2}-15min-lt\.csv\s+Į aplanką\s+išsiųsta/);
		const files = readdirSync(join(server.dataDir, 'exports'));
		expect(files).toHaveLength(1);
		expect(existsSync(join(server.dataDir, 'exports', files[0]!))).toBe(true);

		const overflow = await block.evaluate((el) => el.scrollWidth - el.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		mkdirSync('test-results', { recursive: true });
		await block.screenshot({ path: 'test-results/admin-exports.png' });

		await block.locator('button', { hasText: 'Pašalinti' }).click();
		await expect.poll(() => block.locator('tbody').first().innerText()).toBe('Nėra.');
		expect(cspViolations).toEqual([]);
	}, 90_000);

	it('offers the interval report as XLSX too, and sends it', async () => {
		await page.goto(`${server.url}/admin`);
		const block = page.locator('[data-testid=scheduled-exports]');
		await expect.poll(() => block.locator('h2').innerText()).toBe('Suplanuotos ataskaitos');
		await block.locator('select').first().selectOption('interval');
		await block.getByLabel('Formatas').selectOption('xlsx');
		await block.getByLabel('Intervalas, min').selectOption('30');
		await block.locator('button', { hasText: 'Pridėti' }).click();
		await expect.poll(() => block.locator('tbody').first().innerText()).toMatch(/Intervalų \(vakar\) · XLSX · 30 min · visas centras · LT\s+Į aplanką/);
		await block.locator('button', { hasText: 'Siųsti dabar' }).click();
		await expect.poll(() => page.locator('[data-testid=export-log] tbody').innerText(), { timeout: 30_000 }).toMatch(/callboard-intervals-\d{4}-\d{2}-\d{2}-30min-lt\.xlsx\s+Į aplanką\s+išsiųsta/);
		await block.locator('button', { hasText: 'Pašalinti' }).click();
		await expect.poll(() => block.locator('tbody').first().innerText()).toBe('Nėra.');
	}, 90_000);

	it('shows a refusal in the block, and the English switch', async () => {
		await page.goto(`${server.url}/admin`);
		const block = page.locator('[data-testid=scheduled-exports]');
		await expect.poll(() => block.locator('h2').innerText()).toBe('Suplanuotos ataskaitos');
		await block.locator('input[type=checkbox]').uncheck();
		await block.locator('button', { hasText: 'Pridėti' }).click();
		await expect.poll(() => block.locator('[role=alert]').innerText()).toBe('Klaida: Pasirinkite aplanką, el. pašto adresus arba abu.');
		await page.goto(`${server.url}/lang?to=en&next=/admin`);
		await expect.poll(() => page.locator('[data-testid=scheduled-exports] h2').innerText()).toBe('Scheduled exports');
	});
});
