/**
 * The drill-down's list through the running server fed as a connector feeds it (POST
 * /api/ingest): paging with the selection's total, sorting by a closed list of columns (any
 * other key is a 400), and the whole selection as CSV (issue 18 item 5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, signedInCookie, type TestServer } from '../helpers/server.ts';
import { parseCsv } from '../helpers/csv.ts';

let server: TestServer;
const DAY = '2026-11-02';

beforeAll(async () => {
	server = await startServer();
	const res = await fetch(`${server.url}/api/admin/tokens`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ role: 'ingest' })
	});
	const { token } = (await res.json()) as { token: string };
	// Five answered calls at 09:00, 09:10, … (Vilnius) waiting 50, 10, 40, 20, 30 s, and one
	// abandoned after 5 s at 10:00 whose consultant-less row has a topic a spreadsheet would run.
	const lines: object[] = [];
	const waits = [50, 10, 40, 20, 30];
	waits.forEach((w, i) => {
		const t = Date.parse(`${DAY}T09:${String(i * 10).padStart(2, '0')}:00+02:00`);
		lines.push(
			{ type: 'call.queued', ts: t, call_id: `p-${i}`, topic: 'pensions' },
			{ type: 'call.answered', ts: t + w * 1000, call_id: `p-${i}`, agent: i === 0 ? '=HYPERLINK("x")' : 'ona, "O"', site: 'siauliai' },
			{ type: 'call.ended', ts: t + w * 1000 + 100_000, call_id: `p-${i}`, talk_ms: 100_000 + i * 1000 },
			{ type: 'call.wrapup_ended', ts: t + w * 1000 + 130_000, call_id: `p-${i}`, wrap_ms: 30_000 }
		);
	});
	const a = Date.parse(`${DAY}T10:00:00+02:00`);
	lines.push({ type: 'call.queued', ts: a, call_id: 'a-1', topic: 'benefits' }, { type: 'call.abandoned', ts: a + 5000, call_id: 'a-1' });
	const ingest = await fetch(`${server.url}/api/ingest?format=ndjson`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}` },
		body: lines.map((l) => JSON.stringify(l)).join('\n')
	});
	expect(ingest.status).toBe(200);
}, 120_000);
afterAll(async () => {
	await server?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) =>
	fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.adminToken}`, ...headers } });
type Page = { total: number; offset: number; contacts: { contact_id: string; wait_ms: number }[] };
/** A contact's id is the call's id and its queue time (`p-0#1793…`): the call's id is what these tests name. */
const call = (id: string) => id.split('#')[0];
const page = async (query: string) => {
	const res = await get(`/api/contacts?from=${DAY}&${query}`);
	expect(res.status).toBe(200);
	return (await res.json()) as Page;
};

describe('GET /api/contacts: paging, sorting, CSV', () => {
	it('pages with the total of the whole selection', async () => {
		await expect.poll(async () => (await page('limit=2')).total, { timeout: 20_000 }).toBe(6);
		const first = await page('limit=2');
		const second = await page('limit=2&offset=2');
		const last = await page('limit=2&offset=4');
		expect(first.contacts.map((c) => call(c.contact_id))).toEqual(['a-1', 'p-4']);
		expect(second.contacts.map((c) => call(c.contact_id))).toEqual(['p-3', 'p-2']);
		expect(last.contacts.map((c) => call(c.contact_id))).toEqual(['p-1', 'p-0']);
		expect((await page('outcome=answered&limit=2')).total).toBe(5);
	});

	it('sorts server-side by a listed column, either way, across pages', async () => {
		const asc = await page('sort=wait&dir=asc&limit=3');
		expect(asc.contacts.map((c) => c.wait_ms)).toEqual([5000, 10_000, 20_000]);
		const asc2 = await page('sort=wait&dir=asc&limit=3&offset=3');
		expect(asc2.contacts.map((c) => c.wait_ms)).toEqual([30_000, 40_000, 50_000]);
		const desc = await page('sort=wait&dir=desc&limit=1');
		expect(desc.contacts[0]!.contact_id.split('#')[0]).toBe('p-0');
		expect((await page('sort=topic&dir=asc&limit=1')).contacts[0]!.contact_id.split('#')[0]).toBe('a-1'); // benefits < pensions
		expect((await page('sort=handle&dir=desc&limit=1')).contacts[0]!.contact_id.split('#')[0]).toBe('p-4');
	});

	it('refuses a sort key or direction not in the list with a 400', async () => {
		for (const bad of ['sort=wait_ms', 'sort=queued_at%20DESC%3B%20DROP%20TABLE%20contacts', 'dir=sideways', 'offset=-1', 'format=xml']) {
			const res = await get(`/api/contacts?from=${DAY}&${bad}`);
			expect(res.status, bad).toBe(400);
			expect(((await res.json()) as { error: string }).error).toMatch(/must be/);
		}
		expect((await page('limit=1')).total).toBe(6);
	});

	it('exports the whole selection as CSV: BOM, CRLF, seconds, Vilnius times, escaped and formula-safe', async () => {
		const res = await get(`/api/contacts?from=${DAY}&channel=voice&sort=wait&dir=asc&format=csv&limit=1`, { cookie: 'lang=en' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
		expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="contacts-2026-11-02-2026-11-02\.csv"/);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.slice(3));
		expect(text).toMatch(/\r\n$/);
		expect(text.split('\r\n').length).toBe(8); // header, 6 contacts (not the page's 1), the final empty
		const rows = parseCsv(text).filter((r) => r.length > 1);
		const [header, ...data] = rows;
		expect(header!.slice(0, 2)).toEqual(['contact_id', 'queued_at']);
		expect(header).toContain('wait_s');
		expect(data.map((r) => call(r[0]!))).toEqual(['a-1', 'p-1', 'p-3', 'p-4', 'p-2', 'p-0']);
		const col = (name: string) => header!.indexOf(name);
		const p0 = data.find((r) => call(r[0]!) === 'p-0')!;
		expect(p0[col('queued_at')]).toBe('2026-11-02 09:00:00+02:00');
		expect(p0[col('wait_s')]).toBe('50');
		expect(p0[col('handle_s')]).toBe('130');
		expect(p0[col('consultant')]).toBe(`'=HYPERLINK("x")`);
		expect(text).toContain(`"'=HYPERLINK(""x"")"`);
		expect(data.find((r) => call(r[0]!) === 'p-1')![col('consultant')]).toBe('ona, "O"');
		expect(data.find((r) => call(r[0]!) === 'a-1')![col('handle_s')]).toBe('');
	});

	it('is for supervisors and admins only: a wallboard is refused the list and its CSV', async () => {
		const cookie = await signedInCookie(server, 'tv', 'wallboard');
		for (const q of ['', '&format=csv']) expect((await fetch(`${server.url}/api/contacts?from=${DAY}${q}`, { headers: { cookie } })).status).toBe(403);
	});
});
