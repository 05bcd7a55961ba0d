/**
 * The drill-down's paging, sorting and CSV in real Chromium against the real server fed through
 * /api/ingest (issue 18 item 5): 55 abandoned calls today, 50 a page, sorted by the server when a
 * column header is clicked, and the CSV link downloads the whole selection in that order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launchBrowser } from '../helpers/browser.ts';
import { signedInCookie, startServer, type TestServer } from '../helpers/server.ts';
import { earlierToday } from '../helpers/today.ts';
import { parseCsv } from '../helpers/csv.ts';
import { tempDir } from '../helpers/tempDir.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
const N = 55;
const dir = tempDir('drill-csv');

beforeAll(async () => {
	server = await startServer();
	const tokenRes = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role: 'ingest' })
	});
	const { token } = (await tokenRes.json()) as { token: string };
	// Call c-i queued 20 s after c-(i-1) and hung up after i + 1 s: newest first is c-54 … c-0,
	// the longest wait is c-54's 55 s, the shortest c-0's 1 s.
	const t = earlierToday(60 * 60_000);
	const lines = Array.from({ length: N }, (_, i) => [
		{ type: 'call.queued', ts: t + i * 20_000, call_id: `c-${i}`, topic: 'pensions' },
		{ type: 'call.abandoned', ts: t + i * 20_000 + (i + 1) * 1000, call_id: `c-${i}` }
	]).flat();
	const res = await fetch(`${server.url}/api/ingest?format=ndjson`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}` },
		body: lines.map((l) => JSON.stringify(l)).join('\n')
	});
	expect(res.status).toBe(200);
	const [name, value] = (await signedInCookie(server, 'rasa', 'supervisor')).split('=') as [string, string];
	browser = await launchBrowser();
	const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
	await context.addCookies([{ name, value, url: server.url }]);
	page = await context.newPage();
}, 300_000);

afterAll(async () => {
	await closeBrowser(browser);
	await server?.stop();
	dir.remove();
});

const rows = () => page.locator('.drill tbody tr');
const range = () => page.locator('.drill .range').innerText();

describe('the drill-down dialog', () => {
	it('pages: 50 of 55, then the last 5, with the total from the server', async () => {
		await page.goto(`${server.url}/`);
		await expect.poll(async () => page.locator('.cards .value').first().textContent(), { timeout: 20_000 }).toBe(String(N));
		await page.locator('.cards button.plain').first().click();
		await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(50);
		expect(await range()).toBe(`1–50 iš ${N}`);
		expect(await page.locator('.drill .prev').isDisabled()).toBe(true);
		await page.locator('.drill .next').click();
		await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(5);
		expect(await range()).toBe(`51–55 iš ${N}`);
		expect(await page.locator('.drill .next').isDisabled()).toBe(true);
		// The oldest five: c-4 … c-0, the last waited 1 s.
		expect(await rows().last().innerText()).toContain('1 s');
		await page.locator('.drill .prev').click();
		await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(50);
	}, 60_000);

	it('sorts by the server when a column is clicked, back to the first page; again reverses it', async () => {
		await page.locator('.drill .next').click();
		await expect.poll(() => range(), { timeout: 10_000 }).toBe(`51–55 iš ${N}`);
		const wait = page.locator('.drill th[data-sort=wait]');
		await wait.locator('button').click();
		await expect.poll(() => range(), { timeout: 10_000 }).toBe(`1–50 iš ${N}`);
		expect(await wait.getAttribute('aria-sort')).toBe('descending');
		await expect.poll(async () => rows().first().innerText(), { timeout: 10_000 }).toContain('55 s');
		await wait.locator('button').click();
		expect(await wait.getAttribute('aria-sort')).toBe('ascending');
		await expect.poll(async () => rows().first().innerText(), { timeout: 10_000 }).toContain('1 s');
		expect(await rows().nth(1).innerText()).toContain('2 s');
	}, 60_000);

	it('downloads the whole selection, in the order shown, as CSV', async () => {
		const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.drill a.csv').click()]);
		expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
		// The browser runs apart from this process (helpers/browser.ts): the file is copied here.
		const saved = `${dir.path}/contacts.csv`;
		await download.saveAs(saved);
		const text = readFileSync(saved, 'utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const [header, ...data] = parseCsv(text.slice(1)).filter((r) => r.length > 1);
		// Lithuanian by default: the header in Lithuanian, durations in seconds.
		expect(header).toContain('laukimas_s');
		expect(data).toHaveLength(N);
		const wait = header!.indexOf('laukimas_s');
		expect(data.map((r) => Number(r[wait]))).toEqual(Array.from({ length: N }, (_, i) => i + 1));
		// The 1-second hang-ups are short abandons, the 55-second one is not: each says which.
		const outcome = header!.indexOf('baigtis');
		expect([data[0]![outcome], data[N - 1]![outcome]]).toEqual(['short_abandoned', 'abandoned']);
	}, 60_000);
});
