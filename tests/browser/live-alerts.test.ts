/**
 * A scripted queue through /api/ingest, seen in real Chromium on the built server with the
 * default rules and thresholds (alarm and alert at 15 callers waiting, the alert ending below
 * 12): the dashboard's topic row and the TV's tile turn to alarm and name the figure within a
 * tick; the alert shows once while the queue hovers at 15; it is acknowledged on the dashboard,
 * ends, and is in the admin page's log. Then the TV goes stale and says how long, in words.
 * Saves test-results/alerts-dashboard.png, alerts-tv.png and tv-stale.png.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { closeBrowser, launchBrowser } from '../helpers/browser.ts';
import { signedInCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let dashboard: Page;
let tv: Page;
let ingestToken = '';
let tvToken = '';

beforeAll(async () => {
	server = await startServer();
	const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
	const token = async (role: string) => ((await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role }) })).json()) as { token: string }).token;
	ingestToken = await token('ingest');
	tvToken = await token('wallboard');
	const cookie = await signedInCookie(server, 'rasa', 'admin');
	browser = await launchBrowser();
	context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const [name, value] = cookie.split('=') as [string, string];
	await context.addCookies([{ name, value, url: server.url }]);
	dashboard = await context.newPage();
	tv = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
	mkdirSync('test-results', { recursive: true });
}, 300_000);

afterAll(async () => {
	await closeBrowser(browser);
	await server?.stop();
});

const ingest = async (lines: object[]) => {
	const res = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${ingestToken}` }, body: lines.map((l) => JSON.stringify(l)).join('\n') });
	expect(res.status).toBe(200);
};
const t0 = Date.now() - 30_000;
const queued = (i: number) => ({ type: 'call.queued', ts: t0 + i, call_id: `q-${i}`, topic: 'pensions' });
const abandoned = (i: number) => ({ type: 'call.abandoned', ts: t0 + 1_000 + i, call_id: `q-${i}` });

describe('an alert from a scripted queue', () => {
	it('turns the row and the tile to alarm within a tick, shows once while hovering, is acknowledged, ends and is logged', async () => {
		await dashboard.goto(`${server.url}/`);
		await tv.goto(`${server.url}/wallboard?token=${tvToken}`);
		const row = dashboard.locator('section.now tr[data-topic=pensions][data-channel=voice]');
		await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
		await ingest(Array.from({ length: 15 }, (_, i) => queued(i)));
		const posted = Date.now();
		await expect.poll(() => row.getAttribute('class'), { timeout: 5_000, interval: 100 }).toContain('alarm');
		expect(Date.now() - posted).toBeLessThan(3_000);
		// Nobody is logged in while callers wait: no consultant free is an alarm too, named beside.
		expect(await row.locator('.level').innerText()).toBe('Pavojus: laukia 15 (riba 15); laisvų konsultantų 0 (riba 0)');
		const banner = dashboard.locator('section.alerts li');
		await expect.poll(() => banner.count(), { timeout: 5_000 }).toBe(1);
		expect(await banner.locator('strong').innerText()).toBe('Perspėjimas: Pensijos — laukia eilėje 15 (riba 15)');
		const id = await banner.getAttribute('data-alert');
		// The TV's tile: alarm, naming the figure.
		const tile = tv.getByTestId('tile-pensions');
		await expect.poll(() => tile.getAttribute('data-level'), { timeout: 5_000 }).toBe('alarm');
		expect(await tv.getByTestId('tile-pensions-level').innerText()).toMatch(/Pavojus: laukia eilėje/);
		await tv.screenshot({ path: 'test-results/alerts-tv.png' });
		// Hovering at the threshold: 14, then 15 again. One alert, the same one.
		await ingest([abandoned(0)]);
		await expect.poll(() => row.locator('td').first().innerText(), { timeout: 5_000 }).toBe('14');
		await ingest([queued(15)]);
		await expect.poll(() => row.locator('td').first().innerText(), { timeout: 5_000 }).toBe('15');
		await dashboard.waitForTimeout(1_500);
		expect(await banner.count()).toBe(1);
		expect(await banner.getAttribute('data-alert')).toBe(id);
		await dashboard.screenshot({ path: 'test-results/alerts-dashboard.png' });
		// Acknowledged on the dashboard.
		await banner.getByRole('button', { name: 'Priimti' }).click();
		await expect.poll(() => banner.innerText(), { timeout: 5_000 }).toMatch(/Priėmė rasa|Priėmė \S+/);
		// Below 12: it ends.
		await ingest([1, 2, 3, 4].map(abandoned));
		await expect.poll(() => banner.count(), { timeout: 5_000 }).toBe(0);
		// In the log on the admin page.
		await dashboard.goto(`${server.url}/admin`);
		const logged = dashboard.locator(`section.alert-rules table.log tr[data-alert="${id}"]`);
		await expect.poll(() => logged.count(), { timeout: 10_000 }).toBe(1);
		const cells = await logged.locator('td').allInnerTexts();
		expect(cells[0]).toBe('Pensijos — laukia eilėje 15 (15)');
		expect(cells[2]).not.toBe('—');
		expect(cells[3]).not.toBe('—');
	}, 90_000);

	it('a stale TV says how long in its largest type, and drops its level marks', async () => {
		// The network to the TV goes silent after the first frame: the socket stays open, nothing more comes.
		let socket: WebSocketRoute | null = null;
		await tv.routeWebSocket(/\/live/, (ws: WebSocketRoute) => {
			if (socket !== null) return; // reconnects reach nobody
			socket = ws;
			const up = ws.connectToServer();
			let passed = 0;
			up.onMessage((m) => {
				if (passed++ === 0) ws.send(m);
			});
		});
		await tv.reload();
		await expect.poll(() => tv.getByTestId('tile-pensions').getAttribute('data-level'), { timeout: 10_000 }).not.toBe('none');
		const ago = tv.getByTestId('stale-ago');
		await expect.poll(() => ago.count(), { timeout: 15_000 }).toBe(1);
		await expect.poll(async () => /^⚠ Pasenę: prieš (\d+) s$/.exec(await ago.innerText())?.[1], { timeout: 5_000 }).toBeTruthy();
		const size = await ago.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		const biggest = await tv.evaluate(() => Math.max(...[...document.querySelectorAll('.board *')].map((e) => parseFloat(getComputedStyle(e).fontSize))));
		expect(size).toBeGreaterThanOrEqual(biggest);
		expect(await tv.getByTestId('tile-pensions-level').isVisible()).toBe(false);
		await tv.screenshot({ path: 'test-results/tv-stale.png' });
	}, 90_000);
});
