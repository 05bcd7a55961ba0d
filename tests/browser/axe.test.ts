/**
 * axe-core on every page of the built server, in real Chromium at 1366×768, in Lithuanian and
 * in English, with the data a working centre has: nine weeks of simulated history sent through
 * POST /api/ingest (last month's report, the forecast), consultants signed in and a queue of 15
 * now (the live sections, an alert in the banner), rejected records, a scheduled export and TV
 * links on the admin page. Each page, dialog and state is checked against WCAG 2.1 A/AA and
 * axe's best practices; a violation fails with its rule, element and what to fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { closeBrowser, launchBrowser } from '../helpers/browser.ts';
import { axeViolations } from '../helpers/axe.ts';
import { signedInCookie, startServer, type TestServer } from '../helpers/server.ts';
import { sendSimulatedHistory } from '../helpers/simulatedHistory.ts';
import { earlierToday } from '../helpers/today.ts';
import { loadConfig } from '../../src/lib/server/config/index.ts';

let server: TestServer;
let browser: Browser;
let adminCookie = '';
let tvToken = '';
const MIN = 60_000;

beforeAll(async () => {
	server = await startServer();
	const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
	const token = async (role: string) => ((await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role }) })).json()) as { token: string }).token;
	const ingestToken = await token('ingest');
	tvToken = await token('wallboard');
	adminCookie = await signedInCookie(server, 'vadove', 'admin');
	const ingest = async (body: string) => {
		const res = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${ingestToken}` }, body });
		expect(res.status).toBe(200);
	};
	await sendSimulatedHistory(server.url, ingestToken, loadConfig({}), 63);
	// Two records the admin page lists as rejected, by reason.
	await ingest('not json\n{"type":"call.queued","call_id":"bad-1"}\n');
	const schedule = await fetch(`${server.url}/api/admin/exports`, { method: 'POST', headers: admin, body: JSON.stringify({ kind: 'monthly', format: 'pdf', folder: true }) });
	expect(schedule.status).toBe(201);
	// Now: consultants signed in (one on a call, one at lunch, one free) and 15 callers waiting
	// for pensions, the default alert's threshold.
	const base = earlierToday(40 * MIN);
	const now = Date.now() - 30_000;
	const live = [
		{ type: 'agent.state', ts: base, agent: 'ona', site: 'siauliai', state: 'logged_in', topics: ['pensions'] },
		{ type: 'agent.state', ts: base + 1_000, agent: 'ona', state: 'available' },
		{ type: 'agent.state', ts: base + 5 * MIN, agent: 'ona', state: 'not_ready', reason: 'lunch' },
		{ type: 'agent.state', ts: base + 10 * MIN, agent: 'jonas', site: 'panevezys', state: 'logged_in', topics: ['benefits'] },
		{ type: 'agent.state', ts: base + 10 * MIN, agent: 'jonas', state: 'available' },
		{ type: 'agent.state', ts: base + 10 * MIN, agent: 'rita', site: 'radviliskis', state: 'logged_in', topics: ['contributions'] },
		{ type: 'agent.state', ts: base + 10 * MIN, agent: 'rita', state: 'available' },
		{ type: 'call.queued', ts: base + 12 * MIN, call_id: 'd-1', topic: 'benefits' },
		{ type: 'call.wait_announced', ts: base + 12 * MIN, call_id: 'd-1', estimate_s: 45, method: 'callers-ahead-x-aht' },
		{ type: 'call.answered', ts: base + 12 * MIN + 30_000, call_id: 'd-1', agent: 'jonas', site: 'panevezys' },
		{ type: 'call.ended', ts: base + 17 * MIN, call_id: 'd-1', talk_ms: 270_000 },
		{ type: 'call.wrapup_ended', ts: base + 18 * MIN, call_id: 'd-1', wrap_ms: 60_000 },
		{ type: 'call.queued', ts: base + 20 * MIN, call_id: 'd-2', topic: 'pensions' },
		{ type: 'call.abandoned', ts: base + 21 * MIN, call_id: 'd-2' },
		{ type: 'call.queued', ts: base + 36 * MIN, call_id: 'u-1', topic: 'benefits' },
		{ type: 'call.answered', ts: base + 37 * MIN, call_id: 'u-1', agent: 'jonas', site: 'panevezys' },
		{ type: 'agent.state', ts: base + 37 * MIN, agent: 'jonas', state: 'on_call' },
		...Array.from({ length: 15 }, (_, i) => ({ type: 'call.queued', ts: now + i, call_id: `q-${i}`, topic: 'pensions' }))
	];
	await ingest(live.map((e) => JSON.stringify(e)).join('\n'));
	browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
	await closeBrowser(browser);
	await server?.stop();
});

/** A page at 1366×768 in `lang`, signed in with `cookie` (or not). */
async function open(lang: 'lt' | 'en', cookie: string | null): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const cookies: { name: string; value: string; url: string }[] = [{ name: 'lang', value: lang, url: server.url }];
	if (cookie) {
		const [name, ...value] = cookie.split('=');
		cookies.push({ name: name!, value: value.join('='), url: server.url });
	}
	await context.addCookies(cookies);
	return context.newPage();
}

/** No violations; the message lists each one with its element and what to fix. */
async function clean(page: Page): Promise<void> {
	const violations = await axeViolations(page);
	expect(violations, `axe on ${page.url().replace(/token=[^&]+/, 'token=…')}:\n${violations.join('\n')}`).toEqual([]);
}

describe.each(['lt', 'en'] as const)('axe finds no violations (%s)', (lang) => {
	let page: Page;
	let anonymous: Page;
	beforeAll(async () => {
		page = await open(lang, adminCookie);
		anonymous = await open(lang, null);
	});
	afterAll(async () => {
		await page?.context().close();
		await anonymous?.context().close();
	});

	it('on the dashboard with the live sections, the alert banner and the forecast', async () => {
		await page.goto(`${server.url}/`);
		expect(await page.locator('html').getAttribute('lang')).toBe(lang);
		await page.locator('section.alerts li').first().waitFor({ timeout: 20_000 });
		await page.locator('section.callers table').waitFor({ timeout: 20_000 });
		await expect.poll(() => page.locator('section.forecast .days li').count(), { timeout: 30_000 }).toBe(5);
		await expect.poll(() => page.locator('svg').count(), { timeout: 20_000 }).toBeGreaterThan(3);
		await page.waitForLoadState('networkidle');
		await clean(page);
		// The estimated wait's accuracy by topic (a table with a corner cell).
		await page.locator('section.ewt label.by select').selectOption('topic');
		await page.locator('section.ewt table.breakdown').waitFor({ timeout: 10_000 });
		await clean(page);
	}, 90_000);

	it('on the dashboard when its live figures go stale (greyed, still readable)', async () => {
		// The network to the page goes silent after the first frame: the socket stays open, nothing more comes.
		const stale = await open(lang, adminCookie);
		let socket: WebSocketRoute | null = null;
		await stale.routeWebSocket(/\/live/, (ws: WebSocketRoute) => {
			if (socket !== null) return;
			socket = ws;
			const up = ws.connectToServer();
			let passed = 0;
			up.onMessage((m) => {
				if (passed++ === 0) ws.send(m);
			});
		});
		await stale.goto(`${server.url}/`);
		await stale.locator('section.alerts li').first().waitFor({ timeout: 20_000 });
		await stale.locator('.live-now.stale').waitFor({ timeout: 20_000 });
		await clean(stale);
		await stale.context().close();
	}, 60_000);

	it('in the drill-down dialog', async () => {
		// ASA: today's answered call (d-1) is listed.
		await page.locator('.cards .pair button.plain').first().click();
		await page.locator('dialog.drill[open] tbody tr').first().waitFor({ timeout: 20_000 });
		await clean(page);
		await page.keyboard.press('Escape');
	}, 60_000);

	it('on the consultants page', async () => {
		await page.goto(`${server.url}/consultants`, { waitUntil: 'networkidle' });
		await expect.poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toMatch(/ona/);
		await clean(page);
	}, 60_000);

	it("on last month's report", async () => {
		await page.goto(`${server.url}/reports`, { waitUntil: 'networkidle' });
		await expect.poll(() => page.locator('table[data-table]').count(), { timeout: 20_000 }).toBeGreaterThan(3);
		await clean(page);
	}, 60_000);

	it('on the admin page with rejected records, alerts, exports and TV links', async () => {
		// A TV on, so that the page lists it among the screens online.
		await anonymous.goto(`${server.url}/wallboard?token=${tvToken}`);
		await expect.poll(() => anonymous.getByTestId('wallboard').getAttribute('data-status'), { timeout: 20_000 }).toBe('open');
		await page.goto(`${server.url}/admin`, { waitUntil: 'networkidle' });
		await expect.poll(() => page.locator('[data-testid=scheduled-exports] tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
		await expect.poll(() => page.locator('[data-testid=rejected] tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
		await clean(page);
		// A new TV link, shown once.
		await page.fill('form[action="?/createToken"] input[name=name]', `TV ${lang}`);
		await page.click('form[action="?/createToken"] button');
		await page.locator('[data-testid=wallboard-link]').waitFor({ timeout: 20_000 });
		await clean(page);
	}, 60_000);

	it('on the glossary', async () => {
		await page.goto(`${server.url}/glossary`, { waitUntil: 'networkidle' });
		await clean(page);
	}, 60_000);

	it('on the sign-in and set-up pages', async () => {
		await anonymous.goto(`${server.url}/login`, { waitUntil: 'networkidle' });
		await anonymous.locator('input[name=password]').waitFor();
		await clean(anonymous);
		await anonymous.goto(`${server.url}/setup?code=not-a-code`, { waitUntil: 'networkidle' });
		await clean(anonymous);
	}, 60_000);

	it("on a site's board", async () => {
		await page.goto(`${server.url}/wallboard/siauliai`);
		const board = page.getByTestId('wallboard');
		await expect.poll(() => board.getAttribute('data-status'), { timeout: 20_000 }).toBe('open');
		await expect.poll(() => board.getAttribute('data-stale'), { timeout: 20_000 }).toBe('false');
		await clean(page);
	}, 60_000);

	it("on a TV's board, and its screen when the token is revoked", async () => {
		const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
		const { id, token } = (await (await fetch(`${server.url}/api/admin/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ role: 'wallboard' }) })).json()) as { id: string; token: string };
		await anonymous.goto(`${server.url}/wallboard?token=${tvToken}`);
		const board = anonymous.getByTestId('wallboard');
		await expect.poll(() => board.getAttribute('data-status'), { timeout: 20_000 }).toBe('open');
		await expect.poll(() => board.getAttribute('data-stale'), { timeout: 20_000 }).toBe('false');
		await clean(anonymous);
		await anonymous.goto(`${server.url}/wallboard?token=${token}`);
		await expect.poll(() => board.getAttribute('data-status'), { timeout: 20_000 }).toBe('open');
		expect((await fetch(`${server.url}/api/admin/tokens/${id}`, { method: 'DELETE', headers: admin })).status).toBe(200);
		// Open sockets are checked again every few seconds and closed; the reconnect is refused.
		await expect.poll(() => board.getAttribute('data-refused'), { timeout: 30_000, interval: 250 }).toBe('token');
		await clean(anonymous);
	}, 90_000);
});
