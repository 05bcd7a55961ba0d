/**
 * Issue #15: the Genesys Cloud connector's state in words on the administration page, in real
 * Chromium against the real server running the connector (against the local double of the
 * API): connected, the queues it follows, how far the records are read; in Lithuanian, and in
 * English after the switch. Saves test-results/genesys-admin.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launchBrowser, recordCspViolations } from '../helpers/browser.ts';
import { signedInCookie, startServer, type TestServer } from '../helpers/server.ts';
import { startGenesysCloudDouble, type GenesysCloudDouble } from '../helpers/genesysCloudDouble.ts';

let server: TestServer;
let double: GenesysCloudDouble;
let browser: Browser;
let page: Page;
let csp: string[];

beforeAll(async () => {
	double = await startGenesysCloudDouble({ queues: [{ id: 'q-1', name: 'Išmokos' }, { id: 'q-2', name: 'Pensijos' }] });
	server = await startServer({
		INGEST_SOURCE: 'genesys',
		GENESYS_API_URL: double.url,
		GENESYS_LOGIN_URL: double.url,
		GENESYS_CLIENT_ID: double.clientId,
		GENESYS_CLIENT_SECRET: double.clientSecret
	});
	browser = await launchBrowser();
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const [name, ...value] = (await signedInCookie(server, 'vadove', 'admin')).split('=');
	await context.addCookies([{ name: name!, value: value.join('='), url: server.url }]);
	page = await context.newPage();
	csp = await recordCspViolations(page);
}, 90_000);

afterAll(async () => {
	await closeBrowser(browser);
	await server?.stop();
	await double?.close();
});

describe('the Genesys Cloud section of the administration page', () => {
	it('says in Lithuanian that the connection is up, what it follows and how far it has read', async () => {
		await expect
			.poll(async () => {
				await page.goto(`${server.url}/admin`);
				return page.locator('[data-testid=genesys-status]').innerText();
			}, { timeout: 30_000, interval: 500 })
			.toMatch(/Būsena\s+prisijungta/);
		const text = await page.locator('[data-testid=genesys-status]').innerText();
		expect(text).toMatch(/^Genesys Cloud jungtis/);
		expect(text).toMatch(/Sekamos eilės\s+Išmokos, Pensijos/);
		expect(text).toMatch(/Paskutinė klaida\s+nėra/);
		expect(text).not.toMatch(/dar ne\s*\n\s*Įrašai/); // a reconciliation happened
		expect(text).not.toContain(double.clientSecret);
		// Laid out for 1366 px: nothing wider than the window.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/genesys-admin.png', fullPage: true });
		expect(csp).toEqual([]);
	}, 60_000);

	it('says it in English after the switch', async () => {
		await page.goto(`${server.url}/lang?to=en&next=/admin`);
		const text = await page.locator('[data-testid=genesys-status]').innerText();
		expect(text).toMatch(/^Genesys Cloud connection/);
		expect(text).toMatch(/State\s+connected/);
		expect(text).toMatch(/Queues followed\s+Išmokos, Pensijos/);
	}, 30_000);
});
