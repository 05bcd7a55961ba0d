/**
 * Real Chromium for the browser tests, driven by playwright-core. A missing browser is a
 * failure with a clear message, never a skip: a green run must mean the pages were seen.
 *
 * The browser runs as a playwright "browser server" so that the test owns its process: on a
 * loaded CI machine Chromium has been seen not to exit after `Browser.close` (the afterAll
 * hook then hung for two minutes and failed a green suite). `closeBrowser` asks politely,
 * waits a bounded time, then kills the process group.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CLOSE_GRACE_MS = 5_000;
const servers = new WeakMap<Browser, BrowserServer>();

export async function launchBrowser(): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH))
		throw new Error(
			`Chromium is missing at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome executable. The browser tests cannot run without it.`
		);
	const server = await chromium.launchServer({
		executablePath: CHROMIUM_PATH,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
	});
	const browser = await chromium.connect(server.wsEndpoint());
	servers.set(browser, server);
	return browser;
}

/** Closes the browser and makes sure its process is gone, within a few seconds. */
export async function closeBrowser(browser: Browser | undefined): Promise<void> {
	if (!browser) return;
	const server = servers.get(browser);
	const graceful = (async () => {
		await browser.close();
		await server?.close();
	})().then(
		() => true,
		() => false
	);
	const timedOut = new Promise<false>((resolve) => setTimeout(() => resolve(false), CLOSE_GRACE_MS).unref());
	if (!(await Promise.race([graceful, timedOut]))) await server?.kill();
}

/**
 * Records every Content-Security-Policy violation on the page's documents (navigations
 * included): the policy blocks silently, so a test that only looks at the screen would not see
 * a script or a socket the policy stopped.
 */
export async function recordCspViolations(page: Page): Promise<string[]> {
	const violations: string[] = [];
	await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			(window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.documentURI}`);
		});
	});
	return violations;
}

/** Signs in through the login page and waits for the dashboard (`/`) the sign-in leads to. */
export async function signInToDashboard(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.fill('input[name=username]', username);
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForURL(`${baseUrl}/`, { waitUntil: 'domcontentloaded' }), page.click('button[type=submit]')]);
}
