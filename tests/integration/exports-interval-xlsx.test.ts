/**
 * The interval report as XLSX, read back with exceljs: scheduled like the CSV (yesterday, to the
 * folder, by runDueExports as the server part runs it), the same figures as the CSV in real
 * numbers with the monthly XLSX's formats (counts "#,##0", seconds "0.0", service level "0.0%",
 * a real date); today's, sent now, marked partial with the interval still under way.
 * Real chDB, contacts through the real ingest path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath } from '../helpers/ingest.ts';
import { parseCsv } from '../helpers/csv.ts';
import { runDueExports } from '../../src/lib/server/parts/exportScheduler.ts';
import { addSchedule } from '../../src/lib/server/exports/scheduleStore.ts';
import { exportDir, runSchedule } from '../../src/lib/server/exports/deliver.ts';
import { scheduleInput, type ScheduleSpec } from '../../src/lib/server/exports/types.ts';
import { exportContact } from '../helpers/exportContact.ts';

let db: Embedded;
const silent = () => {};

const contact = (id: string, queued: string, outcome: 'answered' | 'abandoned', waitS: number, talkS = 0, wrapS = 0) =>
	exportContact(`ix-${id}`, queued, outcome, waitS, talkS, wrapS);

const spec = (s: Partial<ScheduleSpec>): ScheduleSpec => ({ kind: 'interval', format: 'xlsx', minutes: 15, topic: null, site: null, channel: null, lang: 'en', folder: true, emails: [], ...s });

// Monday 7 December 2026, 10:00 in Vilnius: yesterday is Sunday 6 December.
const NOW = Date.parse('2026-12-07T10:00:00+02:00');

beforeAll(async () => {
	db = await openEmbedded();
	const file = join(db.dir, 'contacts.ndjson');
	writeFileSync(
		file,
		[
			// Sunday 6 December, as exports.test.ts: 09:00–09:15 one answered in 10 s; 09:15–09:30 one
			// answered in 75 s (outside pensions' 60 s) and a short abandon; 09:30–09:45 one abandon.
			contact('d1', '2026-12-06T09:05:00+02:00', 'answered', 10, 200, 40),
			contact('d2', '2026-12-06T09:20:00+02:00', 'answered', 75, 100, 20),
			contact('d3', '2026-12-06T09:25:00+02:00', 'abandoned', 2),
			contact('d4', '2026-12-06T09:40:00+02:00', 'abandoned', 60),
			// Monday 7 December, today for NOW: 09:00–09:15 and 09:45–10:00, the latter until 10:00.
			contact('t1', '2026-12-07T09:10:00+02:00', 'answered', 30, 120, 0),
			contact('t2', '2026-12-07T09:47:00+02:00', 'answered', 20, 60, 0)
		].join('\n') + '\n'
	);
	await ingestPath(db.store.client, db.config, file, 'ndjson', 'contacts');
}, 60_000);
afterAll(async () => db?.close());

const app = () => ({ config: db.config, store: db.store });
async function sheetOf(fileName: string): Promise<ExcelJS.Worksheet> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(readFileSync(join(exportDir(db.config), fileName)) as unknown as ArrayBuffer);
	return wb.worksheets[0]!;
}
/** The rows from the header on, as values. */
function table(ws: ExcelJS.Worksheet): { header: number; rows: ExcelJS.Row[] } {
	let header = 0;
	ws.eachRow((row, n) => {
		if (!header && row.getCell(1).value === 'Date' && row.getCell(2).value === 'Interval') header = n;
	});
	const rows: ExcelJS.Row[] = [];
	for (let n = header + 1; n <= ws.rowCount; n++) rows.push(ws.getRow(n));
	return { header, rows };
}

describe('interval report as XLSX', () => {
	it('is a format the schedule accepts, as CSV is; never PDF', () => {
		expect(scheduleInput.safeParse(spec({})).success).toBe(true);
		expect(scheduleInput.safeParse(spec({ format: 'csv' })).success).toBe(true);
		expect(scheduleInput.safeParse(spec({ format: 'pdf' })).success).toBe(false);
	});

	it("writes yesterday's intervals with the CSV's figures as numbers with formats", async () => {
		await addSchedule(db.store.client, spec({}));
		await addSchedule(db.store.client, spec({ format: 'csv' }));
		await runDueExports(app(), NOW, silent);
		const ws = await sheetOf('callboard-intervals-2026-12-06-15min-en.xlsx');
		const { header, rows } = table(ws);
		expect(header).toBeGreaterThan(0);
		expect(ws.getRow(header).values).toEqual([undefined, 'Date', 'Interval', 'Offered', 'Answered', 'Abandoned', 'Short abandons', 'ASA, s', 'Service level', 'AHT, s']);
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
		const values = rows.map((r) => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => r.getCell(c).value ?? null));
		const day = new Date('2026-12-06T00:00:00Z');
		expect(values).toEqual([
			[day, '09:00–09:15', 1, 1, 0, 0, 10, 1, 240],
			[day, '09:15–09:30', 2, 1, 1, 1, 75, 0, 120],
			[day, '09:30–09:45', 1, 0, 1, 0, null, 0, null]
		]);
		const fmts = [1, 3, 7, 8, 9].map((c) => rows[1]!.getCell(c).numFmt);
		expect(fmts).toEqual(['yyyy-mm-dd', '#,##0', '0.0', '0.0%', '0.0']);
		// Not partial: yesterday has ended.
		expect(JSON.stringify(ws.getSheetValues())).not.toMatch(/Partial day|under way/);
		// The same figures as the CSV of the same schedule.
		const csv = parseCsv(readFileSync(join(exportDir(db.config), 'callboard-intervals-2026-12-06-15min-en.csv'), 'utf8').replace(/^\uFEFF/, ''));
		expect(csv.slice(1).map((r) => r.slice(2).map((v) => (v === '' ? null : Number(v))))).toEqual(values.map((v) => v.slice(2)));
	});

	it("marks today's report, sent now, as partial, with the interval under way", async () => {
		const s = await addSchedule(db.store.client, spec({ lang: 'lt', minutes: 15 }));
		const at = Date.parse('2026-12-07T09:50:00+02:00');
		const out = await runSchedule({ db: db.store.client, config: db.config, smtp: null }, s, at, { force: true, period: '2026-12-07' });
		expect(out).toMatchObject([{ target: 'folder', result: 'sent', file: 'callboard-intervals-2026-12-07-15min-lt.xlsx' }]);
		const ws = await sheetOf('callboard-intervals-2026-12-07-15min-lt.xlsx');
		const labels = new Map<string, ExcelJS.CellValue>();
		ws.eachRow((row) => labels.set(String(row.getCell(1).value), row.getCell(2).value));
		expect(labels.get('Dalinė diena')).toBe('Diena dar nesibaigė: duomenys iki 09:50; pažymėtas intervalas dar nesibaigęs.');
		const header = [...Array(ws.rowCount).keys()].map((i) => i + 1).find((n) => ws.getRow(n).getCell(2).value === 'Intervalas' && ws.getRow(n).getCell(1).value === 'Data')!;
		const rows = [ws.getRow(header + 1), ws.getRow(header + 2)];
		expect(rows.map((r) => r.getCell(2).value)).toEqual(['09:00–09:15', '09:45–10:00 (nebaigtas)']);
		expect(rows.map((r) => r.getCell(3).value)).toEqual([1, 1]);
		expect(rows[1]!.getCell(2).font?.italic).toBe(true);
		expect(rows[0]!.getCell(2).font?.italic).toBeFalsy();
	});
});
