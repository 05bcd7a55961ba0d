/**
 * The README's screenshots (`npm run screenshots`; not part of npm test): starts the built
 * server with the demo as `npm start` does on an empty database (simulated history, then live
 * simulated calls), waits for the history and for a queue in the live demo, and saves PNGs of
 * the main screens to docs/screenshots/ at fixed window sizes, in Lithuanian (the dashboard in
 * English too).
 *
 * SCREENSHOT_DEMO_YEARS (default 10, as `npm start`) sets the years of history; fewer is quicker.
 * SCREENSHOT_QUEUE_WAIT_S (default 180) is how long to wait for callers in a queue: outside the
 * centre's opening hours the live demo has none, and the screens are taken as they are (said so).
 * SCREENSHOT_CLOCK_SHIFT_MIN (e.g. -450 at 19:30 Vilnius) runs the server's clock that many
 * minutes off, through Debian's libfaketime (apt install faketime), and the pages' clocks with
 * it, so screens taken after hours show the centre open. The README's were taken so.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launchBrowser } from '../tests/helpers/browser.ts';
import { signedInCookie, startServer, type TestServer } from '../tests/helpers/server.ts';
import type { LiveState } from '../src/lib/live/protocol.ts';
import { addMonths, currentMonth } from '../src/lib/server/reports/month.ts';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const years = process.env.SCREENSHOT_DEMO_YEARS ?? '10';
const queueWaitMs = Number(process.env.SCREENSHOT_QUEUE_WAIT_S ?? 180) * 1000;
const shiftMs = Number(process.env.SCREENSHOT_CLOCK_SHIFT_MIN ?? 0) * 60_000;
const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

const log = (line: string) => console.log(`screenshots: ${line}`);

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T | null> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		const got = await probe().catch(() => null);
		if (got) return got;
		await new Promise((r) => setTimeout(r, 1_000));
	}
	log(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
	return null;
}

/** Waits until the page has stopped fetching, its fonts are in, and the charts' entry animations are over. */
async function settle(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle').catch(() => {});
	await page.evaluate(() => document.fonts.ready.then(() => true));
	await page.waitForTimeout(2_500);
}

async function shot(browser: Browser, server: TestServer, cookie: string | null, name: string, path: string, size: { width: number; height: number }, lang: 'lt' | 'en', ready?: (page: Page) => Promise<unknown>): Promise<void> {
	// The page's language for the browser's Intl and Accept-Language, and the centre's zone (date inputs
	// still follow headless Chromium's own locale, en-US).
	const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, locale: lang === 'lt' ? 'lt-LT' : 'en-GB', timezoneId: 'Europe/Vilnius', colorScheme: 'light' });
	const cookies: { name: string; value: string; url: string }[] = [{ name: 'lang', value: lang, url: server.url }];
	if (cookie) {
		const [n, ...v] = cookie.split('=');
		cookies.push({ name: n!, value: v.join('='), url: server.url });
	}
	await context.addCookies(cookies);
	// The page's clock runs with the server's (time in state and "updated at" tick from it).
	if (shiftMs) await context.clock.install({ time: Date.now() + shiftMs });
	const page = await context.newPage();
	await page.goto(`${server.url}${path}`);
	await ready?.(page);
	await settle(page);
	const file = `${outDir}${name}.png`;
	await page.screenshot({ path: file, fullPage: false });
	log(`${name}.png ${Math.round(statSync(file).size / 1024)} KB`);
	await context.close();
}

if (shiftMs && !existsSync(FAKETIME_LIB)) throw new Error(`SCREENSHOT_CLOCK_SHIFT_MIN needs ${FAKETIME_LIB} (apt install faketime)`);
const shifted = shiftMs ? { LD_PRELOAD: FAKETIME_LIB, FAKETIME: `${shiftMs / 1000 >= 0 ? '+' : ''}${shiftMs / 1000}`, FAKETIME_DONT_FAKE_MONOTONIC: '1' } : {};
const server = await startServer({ CALLBOARD_DEMO: 'on', CALLBOARD_DEMO_YEARS: years, ...shifted });
let browser: Browser | undefined;
try {
	log(`server at ${server.url}; backfilling ${years} years of simulated history…`);
	const done = await until('the demo history', 30 * 60_000, async () => /demo: history done/.test(server.logs()));
	if (!done) throw new Error(`the demo history did not finish:\n${server.logs().slice(-2000)}`);
	const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
	const queue = await until('callers in a queue (is the centre open now?)', queueWaitMs, async () => {
		const live = (await (await fetch(`${server.url}/api/live`, { headers: admin })).json()) as LiveState;
		return live.topics.some((t) => t.waiting > 0);
	});
	if (!queue) log('taking the screens without a queue');
	const cookie = await signedInCookie(server, 'vadove', 'admin');
	const { token } = (await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role: 'wallboard', name: 'Salė' }) })).json()) as { token: string };
	mkdirSync(outDir, { recursive: true });
	browser = await launchBrowser();
	const laptop = { width: 1366, height: 768 };
	const dashboardReady = (page: Page) => page.locator('section.now').first().waitFor({ timeout: 60_000 });
	await shot(browser, server, cookie, 'dashboard-lt', '/', laptop, 'lt', dashboardReady);
	await shot(browser, server, cookie, 'dashboard-en', '/', laptop, 'en', dashboardReady);
	await shot(browser, server, null, 'wallboard', `/wallboard?token=${token}`, { width: 1920, height: 1080 }, 'lt', (page) =>
		until('the TV board', 60_000, async () => (await page.getByTestId('wallboard').getAttribute('data-status')) === 'open')
	);
	// Last month, as frozen on start (the freezer waits for the demo's history).
	const month = addMonths(currentMonth('Europe/Vilnius', Date.now() + shiftMs), -1);
	await shot(browser, server, cookie, 'report', `/reports?month=${month}`, laptop, 'lt', (page) => page.locator('table[data-table], dl.cards').first().waitFor({ timeout: 120_000 }));
	await shot(browser, server, cookie, 'consultants', '/consultants', laptop, 'lt');
	await shot(browser, server, cookie, 'admin', '/admin', laptop, 'lt');
} finally {
	await closeBrowser(browser);
	await server.stop();
}
