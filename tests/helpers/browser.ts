/**
 * Real Chromium for the browser tests, driven by playwright-core. A missing browser is a
 * failure with a clear message, never a skip: a green run must mean the pages were seen.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH))
		throw new Error(
			`Chromium is missing at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome executable. The browser tests cannot run without it.`
		);
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
	});
}
