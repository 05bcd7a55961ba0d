/**
 * The wallboard in real Chromium against the real built server: readable figures, an
 * ingested call on the screen within 2 s, stale-then-recovered across a server restart
 * without a reload, a site token kept to its own site, and a refused screen that says so.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launchBrowser, recordCspViolations } from '../helpers/browser.ts';
import { earlierToday } from '../helpers/today.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
/** Why the browser did not start; every test then fails with it rather than being skipped. */
let browserError: Error | null = null;
const tokens: Record<string, string> = {};

async function issueToken(role: string, site?: string): Promise<{ id: string; token: string }> {
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role, site, name: `browser ${role}` })
	});
	expect(res.status).toBe(201);
	return (await res.json()) as { id: string; token: string };
}

const createToken = async (role: string, site?: string): Promise<string> => (await issueToken(role, site)).token;

const ingest = (lines: object[]) =>
	fetch(`${server.url}/api/ingest?format=ndjson`, {
		method: 'POST',
		headers: { authorization: `Bearer ${tokens.ingest}` },
		body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n'
	});

function needBrowser(): void {
	if (browserError) throw browserError;
}

/** What the Content-Security-Policy blocked on each board opened (none expected). */
const cspViolations = new WeakMap<Page, string[]>();

async function openBoard(path: string, opts: { droppable?: boolean } = {}): Promise<Page> {
	needBrowser();
	// A Lithuanian TV: the server picks the language from Accept-Language when no cookie says otherwise.
	const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'lt-LT' });
	cspViolations.set(page, await recordCspViolations(page));
	if (opts.droppable) await page.addInitScript(recordSockets);
	const res = await page.goto(`${server.url}${path}`);
	expect(res?.status(), path).toBe(200);
	return page;
}

/** A centre with consultants at two sites and a few finished calls, so the screenshots show real figures. */
async function seedCentre(): Promise<void> {
	const t = earlierToday(15 * 60_000);
	const agents = [
		['ona', 'siauliai', 'available'],
		['petras', 'siauliai', 'on_call'],
		['rasa', 'siauliai', 'not_ready'],
		['jonas', 'panevezys', 'available'],
		['asta', 'panevezys', 'wrap_up'],
		['lina', 'radviliskis', 'available']
	] as const;
	const lines: object[] = agents.flatMap(([agent, site, state], i) => [
		{ type: 'agent.state', ts: t + i, agent, site, state: 'logged_in', topics: ['pensions', 'benefits', 'contributions', 'other'] },
		{ type: 'agent.state', ts: t + 1_000 + i, agent, site, state, ...(state === 'not_ready' ? { reason: 'break' } : {}) }
	]);
	const calls: [string, string, number, 'answered' | 'abandoned'][] = [
		['seed-1', 'pensions', 20_000, 'answered'],
		['seed-2', 'pensions', 75_000, 'answered'],
		['seed-3', 'benefits', 30_000, 'answered'],
		['seed-4', 'contributions', 45_000, 'abandoned'],
		['seed-5', 'other', 10_000, 'answered']
	];
	calls.forEach(([call_id, topic, wait, outcome], i) => {
		const q = t + 2_000 + i * 60_000;
		lines.push({ type: 'call.queued', ts: q, call_id, topic });
		if (outcome === 'abandoned') lines.push({ type: 'call.abandoned', ts: q + wait, call_id, wait_ms: wait });
		else
			lines.push(
				{ type: 'call.answered', ts: q + wait, call_id, agent: i % 2 ? 'ona' : 'jonas', site: i % 2 ? 'siauliai' : 'panevezys', wait_ms: wait },
				{ type: 'call.ended', ts: q + wait + 180_000, call_id, talk_ms: 170_000, hold_ms: 10_000 },
				{ type: 'call.wrapup_ended', ts: q + wait + 210_000, call_id, wrap_ms: 30_000 }
			);
	});
	const res = await ingest(lines);
	expect(res.status, await res.text()).toBe(200);
}

const waitingOf = (page: Page, topic: string) => page.getByTestId(`waiting-${topic}`).innerText();

/**
 * Runs in the page before its scripts: keeps every WebSocket it opens so a test can drop them
 * (`__dropSockets()`), as a network glitch would, and make the board reconnect now.
 */
function recordSockets(): void {
	const Native = window.WebSocket;
	const sockets: WebSocket[] = [];
	(window as unknown as { __dropSockets: () => void }).__dropSockets = () => sockets.splice(0).forEach((ws) => ws.close());
	window.WebSocket = class extends Native {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols);
			sockets.push(this);
		}
	};
}

const dropSockets = (page: Page) => page.evaluate(() => (window as unknown as { __dropSockets: () => void }).__dropSockets());

beforeAll(async () => {
	mkdirSync('test-results', { recursive: true });
	try {
		browser = await launchBrowser();
	} catch (e) {
		browserError = e as Error;
		return;
	}
	server = await startServer();
	tokens.wallboard = await createToken('wallboard');
	tokens.siauliai = await createToken('wallboard', 'siauliai');
	tokens.ingest = await createToken('ingest');
	await seedCentre();
}, 120_000);
afterAll(async () => {
	await closeBrowser(browser);
	await server?.stop();
});

describe('wallboard in Chromium', () => {
	it('renders eight tiles with large figures, targets and an "as of" time', async () => {
		const page = await openBoard(`/wallboard?token=${tokens.wallboard}`);
		await expect.poll(() => page.getByTestId('wallboard').getAttribute('data-status'), { timeout: 10_000 }).toBe('open');
		await expect.poll(() => waitingOf(page, 'pensions'), { timeout: 10_000 }).toMatch(/^\d+$/);
		expect(await page.locator('[data-testid^="tile-"]:not([data-testid$="-level"])').count()).toBe(8);
		const fontPx = await page.getByTestId('waiting-pensions').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		expect(fontPx).toBeGreaterThanOrEqual(100);
		for (const id of ['asa', 'avg-wait', 'abandon', 'agents', 'longest-pensions', 'sl-pensions']) {
			const px = await page.getByTestId(id).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
			expect(px, id).toBeGreaterThanOrEqual(60);
		}
		// Lithuanian by default: "duomenys HH:MM:SS", and each tile says its level in words.
		expect(await page.getByTestId('asof').innerText()).toMatch(/^atnaujinta \d{2}:\d{2}:\d{2}$/);
		expect(await page.getByTestId('tile-pensions-level').innerText()).toMatch(/Gerai|Dėmesio|Pavojus|Nėra duomenų/);
		expect(await page.getByTestId('tile-pensions').innerText()).toMatch(/tikslas/);
		// Six consultants logged in at three sites (seeded), three of them available.
		await expect.poll(() => page.getByTestId('agents').innerText(), { timeout: 5_000 }).toBe('3 / 6');
		await page.screenshot({ path: 'test-results/wallboard.png' });
		// The live socket, the fonts and the styles all run under the page's Content-Security-Policy.
		expect(cspViolations.get(page)).toEqual([]);
		await page.close();
	});

	it('shows a queued call on the pensions tile within 2 s of ingest', async () => {
		const page = await openBoard(`/wallboard?token=${tokens.wallboard}`);
		await expect.poll(() => waitingOf(page, 'pensions'), { timeout: 10_000 }).toMatch(/^\d+$/);
		const before = Number(await waitingOf(page, 'pensions'));
		const res = await ingest([{ type: 'call.queued', ts: Date.now(), call_id: `wb-${Date.now()}`, topic: 'pensions' }]);
		expect(res.status).toBe(200);
		const posted = Date.now();
		await expect.poll(async () => Number(await waitingOf(page, 'pensions')), { timeout: 2_000, interval: 100 }).toBe(before + 1);
		expect(Date.now() - posted).toBeLessThan(2_000);
		// The longest wait ticks locally from oldestQueuedAt.
		await expect.poll(() => page.getByTestId('longest-pensions').innerText(), { timeout: 3_000 }).toMatch(/^0:0[1-9]$/);
		await page.close();
	});

	it('goes stale when the server stops and recovers by itself when it is back', async () => {
		const page = await openBoard(`/wallboard?token=${tokens.wallboard}`);
		await expect.poll(() => page.getByTestId('wallboard').getAttribute('data-status'), { timeout: 10_000 }).toBe('open');
		await expect.poll(() => waitingOf(page, 'pensions'), { timeout: 10_000 }).toMatch(/^\d+$/);
		const shown = await waitingOf(page, 'pensions');
		const marker = await page.evaluate(() => ((window as unknown as { __noReload: number }).__noReload = Math.random()));
		const { dataDir } = server;
		const port = Number(new URL(server.url).port);
		await server.kill();
		try {
			await expect.poll(() => page.getByTestId('wallboard').getAttribute('data-stale'), { timeout: 10_000 }).toBe('true');
			expect(await page.getByTestId('stale').innerText()).toMatch(/Duomenys pasenę nuo \d{2}:\d{2}:\d{2}/);
			// The last good values stay, greyed out; never a false 0 or a blank.
			expect(await waitingOf(page, 'pensions')).toBe(shown);
			expect(await page.locator('.grid').evaluate((el) => getComputedStyle(el).filter)).toMatch(/grayscale/);
			await page.screenshot({ path: 'test-results/wallboard-stale.png' });
		} finally {
			// Back on the same port and data, whatever happened above, so later tests have a server.
			server = await startServer({}, { dataDir, port });
		}
		// Backoff is capped at 30 s; the restart takes a few seconds, so recovery comes well within 45 s.
		await expect.poll(() => page.getByTestId('wallboard').getAttribute('data-stale'), { timeout: 45_000, interval: 250 }).toBe('false');
		expect(await page.getByTestId('wallboard').getAttribute('data-status')).toBe('open');
		expect(await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload)).toBe(marker);
		await page.close();
	}, 120_000);

	it('keeps a site token to its own site', async () => {
		// The centre view sends it to its own site's view.
		const page = await openBoard(`/wallboard?token=${tokens.siauliai}`);
		expect(new URL(page.url()).pathname).toBe('/wallboard/siauliai');
		await expect.poll(() => page.getByTestId('wallboard').getAttribute('data-status'), { timeout: 10_000 }).toBe('open');
		await expect.poll(() => page.getByTestId('site-agents').innerText(), { timeout: 10_000 }).toBe('1 / 3');
		expect(await page.locator('h1').innerText()).toBe('Šiauliai');
		expect(await page.getByTestId('wallboard').getAttribute('data-view')).toBe('siauliai');
		expect(await page.locator('[data-testid="tile-asa"], [data-testid="tile-agents"]').count()).toBe(0);
		await page.screenshot({ path: 'test-results/wallboard-siauliai.png' });
		await page.close();

		// Another site's page is refused.
		needBrowser();
		const other = await browser.newPage();
		const res = await other.goto(`${server.url}/wallboard/panevezys?token=${tokens.siauliai}`);
		expect(res?.status()).toBe(403);
		await other.close();
		// An unknown site is a 404 for a token that may see every site.
		const unknown = await fetch(`${server.url}/wallboard/vilnius?token=${tokens.wallboard}`);
		expect(unknown.status).toBe(404);
	});

	it('shows "—", never 0, before the first live state', async () => {
		// The server-rendered page is what a TV shows before the socket has said anything.
		needBrowser();
		const html = await (await fetch(`${server.url}/wallboard?token=${tokens.wallboard}`)).text();
		expect(html).toMatch(/data-testid="waiting-pensions"[^>]*>—</);
		expect(html).toMatch(/data-testid="agents"[^>]*>—</);
		expect(html).not.toMatch(/data-testid="waiting-pensions"[^>]*>0</);
	});

	it('rotates between the centre and each site with ?rotate=', async () => {
		const page = await openBoard(`/wallboard?token=${tokens.wallboard}&rotate=5`);
		const board = page.getByTestId('wallboard');
		expect(await board.getAttribute('data-view')).toBe('centre');
		await expect.poll(() => board.getAttribute('data-view'), { timeout: 8_000, interval: 250 }).toBe('panevezys');
		expect(await page.locator('h1').innerText()).toBe('Panevėžys');
		await expect.poll(() => page.getByTestId('site-agents').innerText(), { timeout: 3_000 }).toBe('1 / 2');
		await page.close();
	});

	it('says so in large type when its token is revoked, keeping the last figures', async () => {
		const { id, token } = await issueToken('wallboard');
		const page = await openBoard(`/wallboard?token=${token}`, { droppable: true });
		const board = page.getByTestId('wallboard');
		await expect.poll(() => board.getAttribute('data-status'), { timeout: 10_000 }).toBe('open');
		await expect.poll(() => waitingOf(page, 'pensions'), { timeout: 10_000 }).toMatch(/^\d+$/);
		const shown = await waitingOf(page, 'pensions');
		expect(await page.getByTestId('refused').count()).toBe(0);

		const revoked = await fetch(`${server.url}/api/admin/tokens/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${server.adminToken}` } });
		expect(revoked.status).toBe(200);
		// Every process stops accepting it within the access cache's few seconds.
		await expect.poll(async () => (await fetch(`${server.url}/api/live?token=${token}`)).status, { timeout: 15_000, interval: 500 }).toBe(401);
		// The open socket is not re-checked; the next reconnect (a glitch, a restart) is what meets the refusal.
		await dropSockets(page);

		await expect.poll(() => board.getAttribute('data-refused'), { timeout: 15_000, interval: 250 }).toBe('token');
		const message = page.getByTestId('refused');
		expect(await message.innerText()).toMatch(/Serveris neleidžia rodyti šio ekrano[\s\S]*raktas atšauktas arba nežinomas/);
		expect(await message.locator('strong').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(50);
		// Still stale, not blank: the last good values stay and nothing turns into 0.
		expect(await board.getAttribute('data-stale')).toBe('true');
		expect(await waitingOf(page, 'pensions')).toBe(shown);
		expect(new URL(page.url()).pathname).toBe('/wallboard');
		await page.screenshot({ path: 'test-results/wallboard-refused.png' });
		await page.close();
	}, 60_000);

	it('sends a supervisor whose session ended to sign in, then back to the board', async () => {
		needBrowser();
		const user = await fetch(`${server.url}/api/admin/users`, {
			method: 'POST',
			headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'wb-supervisor', password: 'correct-horse-battery', role: 'supervisor', displayName: 'Wallboard supervisor' })
		});
		expect(user.status).toBe(201);
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		await context.addInitScript(recordSockets);
		const page = await context.newPage();
		await page.goto(`${server.url}/login?next=${encodeURIComponent('/wallboard?rotate=60')}`);
		await page.fill('input[name=username]', 'wb-supervisor');
		await page.fill('input[name=password]', 'correct-horse-battery');
		await Promise.all([page.waitForURL((u) => u.pathname === '/wallboard'), page.click('button[type=submit]')]);
		await expect.poll(() => page.getByTestId('wallboard').getAttribute('data-status'), { timeout: 10_000 }).toBe('open');

		// The session ends (signed out elsewhere, expired): the next reconnect is refused.
		await context.clearCookies();
		await dropSockets(page);
		await page.waitForURL((u) => u.pathname === '/login', { timeout: 15_000 });
		expect(new URL(page.url()).searchParams.get('next')).toBe('/wallboard?rotate=60');
		await context.close();
	}, 60_000);

	it('speaks English after the language switch', async () => {
		needBrowser();
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const page = await context.newPage();
		await page.goto(`${server.url}/lang?to=en&token=${tokens.wallboard}&next=${encodeURIComponent(`/wallboard/panevezys?token=${tokens.wallboard}`)}`);
		expect(new URL(page.url()).pathname).toBe('/wallboard/panevezys');
		await expect.poll(() => page.getByTestId('asof').innerText(), { timeout: 10_000 }).toMatch(/^as of \d{2}:\d{2}:\d{2}$/);
		expect(await page.getByTestId('tile-pensions').innerText()).toMatch(/Calls waiting/);
		await context.close();
	});
});
