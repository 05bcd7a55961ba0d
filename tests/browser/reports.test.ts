/**
 * Monthly reports end to end: contacts ingested and last month frozen with the real command
 * line (before the server holds the data directory), then the real server in Chromium: a
 * supervisor opens /reports, sees the stored revision, and each export button downloads a
 * file of the right type. The figures served equal /api/stats for the same month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeBrowser, launchBrowser } from '../helpers/browser.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { callboard } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { exportContact } from '../helpers/exportContact.ts';
import { localDateOf, startOfLocalDay } from '../../src/lib/server/stats/periodRange.ts';
import { addMonths, lastDayOf } from '../../src/lib/server/reports/month.ts';
import type { MonthlyReport } from '../../src/lib/server/reports/types.ts';
import type { PeriodStats } from '../../src/lib/server/stats/periodStats.ts';

const TZ = 'Europe/Vilnius';
const month = addMonths(localDateOf(Date.now(), TZ).slice(0, 7), -1);
const dir = tempDir('reports-browser');
let server: TestServer;
let browser: Browser;
let page: Page;
let cliOutput = '';

function contact(id: string, day: number, topic: string, outcome: 'answered' | 'abandoned', waitS: number, talkS = 0) {
	return exportContact(`rb-${id}`, startOfLocalDay(`${month}-${String(day).padStart(2, '0')}`, TZ) + 10 * 3_600_000, outcome, waitS, talkS, 0, topic);
}

beforeAll(async () => {
	const file = join(dir.path, 'month.ndjson');
	writeFileSync(file, [contact('1', 5, 'pensions', 'answered', 20, 200), contact('2', 6, 'benefits', 'answered', 80, 100), contact('3', 7, 'pensions', 'abandoned', 30)].join('\n') + '\n');
	const env = { DATA_DIR: dir.path, CALLBOARD_DEMO: 'off' };
	const ingest = await callboard(['ingest', '--format', 'ndjson', file], env).done;
	expect(ingest.code, ingest.output).toBe(0);
	const freeze = await callboard(['report', '--month', month, '--format', 'csv', '--freeze', '--out', join(dir.path, 'frozen.csv')], env).done;
	expect(freeze.code, freeze.output).toBe(0);
	cliOutput = freeze.output;
	server = await startServer({}, { dataDir: dir.path });
	const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
	const user = await fetch(`${server.url}/api/admin/users`, {
		method: 'POST',
		headers: admin,
		body: JSON.stringify({ username: 'egle', password: 'correct-horse-battery', role: 'supervisor', displayName: 'Eglė' })
	});
	expect(user.status).toBe(201);
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
}, 120_000);

afterAll(async () => {
	await closeBrowser(browser);
	await server?.stop();
	dir.remove();
});

const api = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.adminToken}` } });

describe('callboard report (command line)', () => {
	it('froze last month as revision 1 and wrote a CSV with a BOM', () => {
		expect(cliOutput).toMatch(new RegExp(`${month} csv, [\\d,]+ bytes, stored revision 1`));
		expect([...readFileSync(join(dir.path, 'frozen.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});

	it('refuses a month that has not started, with a clear message', async () => {
		const run = await callboard(['report', '--month', '2999-01', '--format', 'pdf', '--out', join(dir.path, 'x.pdf'), '--server', server.url, '--token', server.adminToken], {}).done;
		expect(run.code).toBe(2);
		expect(run.output).toMatch(/2999-01 has not started yet/);
	});
});

describe('GET /api/reports', () => {
	it('serves the stored revision, whose figures equal /api/stats for the month', async () => {
		const report = (await (await api(`/api/reports/${month}.json`)).json()) as MonthlyReport;
		expect(report.stored?.revision).toBe(1);
		// /api/stats adds `written` (deadline figures, null for calls) to the period's figures.
		const { written, ...stats } = (await (await api(`/api/stats?from=${month}-01&to=${lastDayOf(month)}`)).json()) as PeriodStats & { written: unknown };
		expect(written).toBeNull();
		expect(report.stats.month).toEqual(stats);
		expect(stats.total.offered).toBe(3);
		const totals = report.sections[0]!.tables.find((t) => t.key === 'totals')!.rows[0]!;
		for (const [k, v] of Object.entries(stats.total)) expect(totals[k], k).toBe(v);
		const list = (await (await api('/api/reports')).json()) as { reports: { month: string; revision: number }[] };
		expect(list.reports).toContainEqual(expect.objectContaining({ month, revision: 1 }));
	});

	it('answers 400 with a reason for a bad or future month, or a bad filter', async () => {
		for (const [path, message] of [
			['/api/reports/2026-13.xlsx', /YYYY-MM/],
			['/api/reports/2999-01.pdf', /has not started/],
			[`/api/reports/${month}.docx`, /xlsx\|csv\|pdf/],
			[`/api/reports/${month}.csv?topic=nope`, /unknown topic/]
		] as const) {
			const res = await api(path);
			expect(res.status, path).toBe(400);
			expect(((await res.json()) as { error: string }).error).toMatch(message);
		}
	});
});

describe('the /reports page', () => {
	it('signs in and shows last month’s report with its tables, charts and the stored revision', async () => {
		await page.goto(`${server.url}/reports`);
		await page.fill('input[name=username]', 'egle');
		await page.fill('input[name=password]', 'correct-horse-battery');
		await Promise.all([page.waitForURL(/\/(reports)?$/), page.click('button[type=submit]')]);
		if (!page.url().includes('/reports')) await page.goto(`${server.url}/reports`);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Mėnesio ataskaitos');
		expect(await page.locator('input[name=month]').inputValue()).toBe(month);
		const summary = await page.locator('section#summary').innerText();
		expect(summary).toMatch(/Iš viso/);
		// The key figures are cards (label first, then offered), not a one-row table.
		expect(await page.locator('section#summary [data-table=totals] dd').nth(1).textContent()).toBe('3');
		await expect.poll(() => page.locator('figure svg').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
		expect(await page.locator('.facts').innerText()).toMatch(/Išsaugota versija Nr\. 1/);
		expect(await page.locator('section[aria-labelledby=stored-title] tbody tr').count()).toBeGreaterThanOrEqual(1);
		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/reports.png', fullPage: true });
	});

	it.each([1366, 1920])('at %i px in Lithuanian nothing is cut off: no card, table or chart overflows, every scrollable region is focusable', async (width) => {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`${server.url}/reports`);
		await expect.poll(() => page.locator('figure svg').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
		const found = await page.evaluate(() => {
			const overflowing: string[] = [];
			for (const el of document.querySelectorAll<HTMLElement>('main section, main figure, .scroll, .cards-wrap, .card'))
				if (el.scrollWidth > el.clientWidth + 1) overflowing.push(`${el.closest('section')?.id ?? ''} ${el.className} ${el.scrollWidth}>${el.clientWidth}`);
			// axe's scrollable-region-focusable: a region that scrolls must be reachable from the keyboard.
			const unfocusable = [...document.querySelectorAll<HTMLElement>('main *')]
				.filter((el) => el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.tabIndex < 0)
				.map((el) => el.className);
			const emptyHeaders = [...document.querySelectorAll('th')].filter((th) => !th.textContent?.trim()).length;
			return { overflowing, unfocusable, emptyHeaders, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
		});
		expect(found).toEqual({ overflowing: [], unfocusable: [], emptyHeaders: 0, page: 0 });
		// The heat map starts at opening time, not with eight hours of zeros.
		expect(await page.locator('section#heat_map table thead th').nth(1).textContent()).toBe('08:00');
		await page.screenshot({ path: `test-results/reports-${width}.png`, fullPage: true });
		await page.setViewportSize({ width: 1440, height: 1000 });
	});

	it('each export button downloads a file of its type', async () => {
		const expected = { xlsx: [0x50, 0x4b], pdf: [0x25, 0x50, 0x44, 0x46], csv: [0xef, 0xbb, 0xbf] } as const;
		for (const [ext, magic] of Object.entries(expected)) {
			const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click(`a[data-export=${ext}]`)]);
			expect(download.suggestedFilename()).toBe(`callboard-${month}-lt.${ext}`);
			const saved = join(dir.path, `download.${ext}`);
			await download.saveAs(saved);
			const bytes = readFileSync(saved);
			expect([...bytes.subarray(0, magic.length)], ext).toEqual([...magic]);
		}
	});

	it('late data: an admin regenerates the month, a new revision says what changed, revision 1 stays', async () => {
		const post = (path: string) => fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken}` } });
		const same = await post(`/api/reports/${month}`);
		expect(same.status).toBe(200);
		expect(await same.json()).toMatchObject({ revision: 1, created: false, changes: [] });
		const tokenRes = await fetch(`${server.url}/api/admin/tokens`, {
			method: 'POST',
			headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ role: 'ingest' })
		});
		const { token } = (await tokenRes.json()) as { token: string };
		const late = await fetch(`${server.url}/api/ingest?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: contact('4', 8, 'other', 'abandoned', 50) });
		expect(late.status).toBe(200);
		const regenerated = await post(`/api/reports/${month}`);
		expect(regenerated.status).toBe(201);
		const body = (await regenerated.json()) as { revision: number; changes: { table: string; column: string; before: unknown; after: unknown }[] };
		expect(body.revision).toBe(2);
		expect(body.changes).toContainEqual(expect.objectContaining({ table: 'totals', column: 'offered', before: 3, after: 4 }));
		await page.goto(`${server.url}/reports?month=${month}`);
		expect(await page.locator('.facts').innerText()).toMatch(/Išsaugota versija Nr\. 2/);
		// The report's own titles, not its keys (as the PDF lists changes).
		expect(await page.locator('section.changes').innerText()).toMatch(/Suvestinė\s+Pagrindiniai rodikliai\s+Iš viso\s+Gauta\s+3\s+4/);
		const list = (await (await api('/api/reports')).json()) as { reports: { month: string; revision: number }[] };
		expect(list.reports.filter((r) => r.month === month).map((r) => r.revision)).toEqual([2, 1]);
		// Revision 1 from the list of stored revisions: its own figures, and downloads of it.
		await page.locator('a[data-revision="1"]').first().click();
		await page.waitForURL(/revision=1/);
		expect(await page.locator('.facts').innerText()).toMatch(/Išsaugota versija Nr\. 1/);
		const csvHref = await page.locator('a[data-export=csv]').getAttribute('href');
		expect(csvHref).toContain('revision=1');
		const csv = await (await api(csvHref!)).text();
		expect(csv).toMatch(/summary,totals,Iš viso,offered,[^,]*,3,/);
		expect((await api(`/api/reports/${month}.json?revision=3`)).status).toBe(404);
	});

	it('switches to English', async () => {
		await page.goto(`${server.url}/lang?to=en&next=${encodeURIComponent(`/reports?month=${month}`)}`);
		expect(await page.locator('h1').textContent()).toBe('Monthly reports');
		expect(await page.locator('section#summary h2').textContent()).toBe('Summary');
		expect(await page.locator('a[data-export=pdf]').getAttribute('href')).toContain('lang=en');
		await page.goto(`${server.url}/lang?to=lt&next=/reports`);
	});

	it('an empty month says there was no traffic', async () => {
		await page.goto(`${server.url}/reports?month=2020-06`);
		expect(await page.locator('.empty').innerText()).toMatch(/kontaktų nebuvo/);
	});
});
