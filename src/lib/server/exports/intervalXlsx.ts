/**
 * The interval report as an Excel workbook: one sheet, the day's intervals one per row, with the
 * monthly XLSX's cell rules (reports/xlsx.ts; metrics/units.ts): raw numbers with a number format
 * (counts "#,##0", service level a fraction shown "0.0%", ASA and AHT in seconds "0.0" with ", s"
 * in the column title), the date a real date. A day that has not ended (today) is marked partial:
 * a note says up to what time the figures run, and the interval still under way is marked too.
 */
import ExcelJS from 'exceljs';
import type { ClickHouseClient } from '@clickhouse/client';
import { HEADER_FILL, NUM_FMT } from '../reports/xlsx.ts';
import { localDateTime } from '../reports/pdf/format.ts';
import type { ColumnFormat } from '../reports/types.ts';
import type { StatsFilter } from '../stats/periodStats.ts';
import { intervalXlsxText } from '../../i18n/exports.ts';
import { INTERVAL_HEADERS, intervalLines, type IntervalLine } from './intervalReport.ts';

/** Each column's format, in INTERVAL_HEADERS' order. */
const FORMATS: ColumnFormat[] = ['date', 'text', 'int', 'int', 'int', 'int', 'seconds', 'pct', 'seconds'];

/** "HH:MM" on the centre's clock at an instant. */
const localClock = (at: number, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
/** "YYYY-MM-DD" on the centre's calendar at an instant. */
const localDay = (at: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

export async function renderIntervalXlsx(
	db: ClickHouseClient,
	date: string,
	minutes: 15 | 30,
	filter: StatsFilter,
	timeZone: string,
	lang: 'lt' | 'en',
	now = Date.now()
): Promise<Uint8Array> {
	const lines = await intervalLines(db, date, minutes, filter, timeZone);
	const t = intervalXlsxText(lang);
	const partial = date === localDay(now, timeZone);
	const clock = localClock(now, timeZone);
	// An interval is under way when it ends after now ("00:00" of the last one is the day's end).
	const underWay = (l: IntervalLine) => partial && (l.to === '00:00' ? '24:00' : l.to) > clock;

	const wb = new ExcelJS.Workbook();
	wb.creator = 'callboard';
	wb.created = new Date(now);
	const ws = wb.addWorksheet(t.sheet);
	ws.addRow([t.title]).font = { bold: true, size: 13 };
	const info: [string, ExcelJS.CellValue, string?][] = [
		[t.date, new Date(`${date}T00:00:00Z`), NUM_FMT.date],
		[t.interval, `${minutes} min`],
		[t.filter, [filter.topic, filter.site, filter.channel].filter(Boolean).join(', ') || t.all],
		[t.generated, `${localDateTime(new Date(now).toISOString(), timeZone)} (${timeZone})`]
	];
	if (partial) info.push([t.partial, t.partialNote(clock)]);
	for (const [label, value, fmt] of info) {
		const row = ws.addRow([label, value]);
		row.getCell(1).font = { bold: true };
		if (fmt) row.getCell(2).numFmt = fmt;
	}
	ws.addRow([]);
	const header = ws.addRow(INTERVAL_HEADERS[lang]);
	header.font = { bold: true };
	header.eachCell((c) => (c.fill = HEADER_FILL));
	for (const l of lines) {
		const running = underWay(l);
		const row = ws.addRow([
			new Date(`${l.date}T00:00:00Z`),
			`${l.from}–${l.to}${running ? ` ${t.underWay}` : ''}`,
			l.offered,
			l.answered,
			l.abandoned,
			l.short_abandoned,
			l.asa_s,
			l.service_level,
			l.aht_s
		]);
		FORMATS.forEach((f, i) => {
			const fmt = NUM_FMT[f];
			if (fmt) row.getCell(i + 1).numFmt = fmt;
		});
		if (running) row.font = { italic: true };
	}
	if (lines.length === 0) ws.addRow([t.empty]).font = { italic: true };
	ws.views = [{ state: 'frozen', ySplit: header.number }];
	INTERVAL_HEADERS[lang].forEach((h, i) => (ws.getColumn(i + 1).width = Math.max(12, h.length + 2, i === 1 ? 26 : 0)));
	return new Uint8Array(await wb.xlsx.writeBuffer());
}
