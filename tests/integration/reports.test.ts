/**
 * Monthly reports on a real embedded ClickHouse: hand-made contacts and events go through the
 * real ingest path; every figure of the report, and of its XLSX and CSV, must equal what
 * periodStats (the function behind /api/stats) answers for the same month, to the unit.
 * Months: October 2026 (DST ends on the 25th), December 2026 (24–26 are public holidays),
 * June 2026 (no traffic). The centre's zone is Europe/Vilnius.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath } from '../helpers/ingest.ts';
import { parseCsv } from '../helpers/csv.ts';
import { periodStats, type StatsFilter } from '../../src/lib/server/stats/periodStats.ts';
import { buildMonthlyReport } from '../../src/lib/server/reports/buildReport.ts';
import { monthRange, parseMonth, MonthError } from '../../src/lib/server/reports/month.ts';
import { renderReportXlsx } from '../../src/lib/server/reports/xlsx.ts';
import { renderReportCsv } from '../../src/lib/server/reports/csv.ts';
import { cellValue } from '../../src/lib/server/reports/cells.ts';
import { freezeReport, latestStored, listStored } from '../../src/lib/server/reports/store.ts';
import { monthlyReport, requestedReport } from '../../src/lib/server/reports/monthlyReport.ts';
import { parseReportRequest } from '../../src/lib/server/reports/request.ts';
import type { MonthlyReport, ReportTable } from '../../src/lib/server/reports/types.ts';
import { PERIOD_METRICS } from '../../src/lib/metrics/definitions.ts';
import { CHANNELS } from '../../ingest/types.ts';
import { WorkingCalendar } from '../../src/lib/server/calendar/workingDays.ts';
import { firstWorkingDay, monthToFreeze } from '../../src/lib/server/reports/freezeSchedule.ts';
import { freezeDueMonth, reportFreezerPart } from '../../src/lib/server/parts/reportFreezer.ts';
import type { App } from '../../src/lib/server/app.ts';

const TZ = 'Europe/Vilnius';
const NOW = Date.parse('2027-01-20T10:00:00Z');
const ALL: StatsFilter = { topic: null, site: null, channel: null };

type C = [id: string, queued: string, channel: string, topic: string, outcome: string, waitS: number, talkS?: number, holdS?: number, wrapS?: number, site?: string];
const CONTACTS: C[] = [
	// October 2026. 1 October 00:15 local is 30 September 21:15 UTC: October.
	['o1', '2026-10-01T00:15:00+03:00', 'voice', 'pensions', 'answered', 20, 100, 10, 30, 'panevezys'],
	['o2', '2026-10-05T09:00:00+03:00', 'voice', 'benefits', 'answered', 75, 200, 0, 20, 'siauliai'],
	['o3', '2026-10-05T09:10:00+03:00', 'voice', 'benefits', 'abandoned', 3],
	['o4', '2026-10-06T10:00:00+03:00', 'voice', 'other', 'abandoned', 40],
	['o5', '2026-10-07T11:00:00+03:00', 'chat', 'pensions', 'answered', 5, 300, 0, 0, 'radviliskis'],
	['o6', '2026-10-07T11:30:00+03:00', 'email', 'contributions', 'answered', 0, 60, 0, 0, 'radviliskis'],
	// DST Sunday 25 October 2026: 03:30 happens twice (+03:00, then +02:00); both are hour 3.
	['o7', '2026-10-25T03:30:00+03:00', 'voice', 'pensions', 'answered', 30, 50, 0, 10, 'panevezys'],
	['o8', '2026-10-25T03:30:00+02:00', 'voice', 'pensions', 'timed_out', 90],
	// 31 October 23:30 local is 21:30 UTC: still October. 1 November 00:30 local is 31 October 22:30 UTC: November.
	['o9', '2026-10-31T23:30:00+02:00', 'voice', 'contributions', 'answered', 10, 40, 0, 0, 'siauliai'],
	['n1', '2026-11-01T00:30:00+02:00', 'voice', 'pensions', 'answered', 10, 40, 0, 0, 'siauliai'],
	// Comparison months: September 2026 and October 2025.
	['s1', '2026-09-15T10:00:00+03:00', 'voice', 'pensions', 'answered', 10, 100, 0, 0, 'panevezys'],
	['s2', '2026-09-16T10:00:00+03:00', 'voice', 'pensions', 'abandoned', 30],
	['y1', '2025-10-15T10:00:00+03:00', 'voice', 'benefits', 'answered', 60, 100, 0, 0, 'panevezys'],
	// December 2026, the holiday month.
	['d1', '2026-12-23T10:00:00+02:00', 'voice', 'pensions', 'answered', 15, 120, 0, 30, 'siauliai'],
	['d2', '2026-12-28T08:05:00+02:00', 'voice', 'benefits', 'answered', 100, 60, 0, 0, 'panevezys'],
	// An e-inquiry received 1 December with no stored deadline: due by the 20th working day,
	// which the Christmas holidays push to 31 December (a count of weekdays says the 29th).
	['e1', '2026-12-01T09:00:00+02:00', 'einquiry', 'other', 'answered', 0, 0, 0, 0, 'radviliskis']
];
const ANSWERED_E1 = Date.parse('2026-12-31T16:00:00+02:00');

function contactLine([id, queued, channel, topic, outcome, waitS, talkS = 0, holdS = 0, wrapS = 0, site]: C): string {
	const q = Date.parse(queued);
	const answered = outcome === 'answered';
	const answeredAt = id === 'e1' ? ANSWERED_E1 : q + waitS * 1000;
	return JSON.stringify({
		type: 'contact',
		contact_id: `rep-${id}`,
		channel,
		topic,
		site: answered ? site : undefined,
		agent: answered ? 'ona' : null,
		queued_at: q,
		answered_at: answered ? answeredAt : null,
		ended_at: answered ? answeredAt + (talkS + holdS) * 1000 : q + waitS * 1000,
		outcome,
		wait_ms: id === 'e1' ? 0 : waitS * 1000,
		talk_ms: talkS * 1000,
		hold_ms: holdS * 1000,
		wrap_ms: wrapS * 1000
	});
}

// Callbacks through the event path (the assembler stores their deadline).
const EVENTS = [
	// Wednesday 23 December 14:00: 24 and 25 are holidays, 26–27 the weekend: due Monday 28th 17:00.
	{ type: 'call.callback_requested', ts: '2026-12-23T14:00:00+02:00', call_id: 'cb1', topic: 'pensions' },
	{ type: 'call.callback_completed', ts: '2026-12-28T10:00:00+02:00', call_id: 'cb1', agent: 'ona', site: 'siauliai' },
	// Thursday 10 December: due Friday 11th at 15:45 (Friday closes early); called back 16:30, late.
	{ type: 'call.callback_requested', ts: '2026-12-10T11:00:00+02:00', call_id: 'cb2', topic: 'benefits' },
	{ type: 'call.callback_completed', ts: '2026-12-11T16:30:00+02:00', call_id: 'cb2', agent: 'ona', site: 'siauliai' },
	// Never called back: overdue when the report is made (20 January 2027).
	{ type: 'call.callback_requested', ts: '2026-12-30T09:00:00+02:00', call_id: 'cb3', topic: 'benefits' },
	// An e-inquiry still open: received 14 December, due 20 working days later (mid-January): overdue by the 20th.
	{ type: 'einquiry.received', ts: '2026-12-14T09:00:00+02:00', call_id: 'ei2', topic: 'pensions' }
];

let db: Embedded;
const reports: Record<string, MonthlyReport> = {};

async function ingestLines(name: string, lines: string[]) {
	const file = join(db.dir, `${name}.ndjson`);
	writeFileSync(file, lines.join('\n') + '\n');
	await ingestPath(db.store.client, db.config, file, 'ndjson', name);
}

beforeAll(async () => {
	db = await openEmbedded();
	await ingestLines('contacts', CONTACTS.map(contactLine));
	await ingestLines('events', EVENTS.map((e) => JSON.stringify({ ...e, ts: Date.parse(e.ts) })));
	for (const m of ['2026-10', '2026-12', '2026-06']) reports[m] = await buildMonthlyReport(db.store.client, m, ALL, db.config, { now: NOW });
}, 60_000);
afterAll(async () => db.close());

const tableOf = (r: MonthlyReport, section: string, table: string): ReportTable => {
	const t = r.sections.find((s) => s.key === section)?.tables.find((x) => x.key === table);
	if (!t) throw new Error(`no table ${section}/${table}`);
	return t;
};
const rowOf = (t: ReportTable, label: string) => {
	const first = t.columns[0]!.key;
	const row = t.rows.find((r) => cellValue(r[first], 'en') === label);
	if (!row) throw new Error(`no row "${label}" in ${t.key}`);
	return row;
};
const stats = (month: string, filter = ALL) => periodStats(db.store.client, monthRange(month, TZ), filter, TZ);
/** The whole centre's report shows call figures (voice), as every screen does; channels apart. */
const CALLS: StatsFilter = { ...ALL, channel: 'voice' };

describe('month bounds', () => {
	it('a month is its local calendar month, DST included', () => {
		const oct = monthRange('2026-10', TZ);
		expect(new Date(oct.fromMs).toISOString()).toBe('2026-09-30T21:00:00.000Z');
		expect(new Date(oct.toMs).toISOString()).toBe('2026-10-31T22:00:00.000Z');
		expect((oct.toMs - oct.fromMs) / 3_600_000).toBe(31 * 24 + 1);
	});

	it('refuses a malformed or future month', () => {
		expect(() => parseMonth('2026-13', TZ, NOW)).toThrow(MonthError);
		expect(() => parseMonth('26-10', TZ, NOW)).toThrow(/YYYY-MM/);
		expect(() => parseMonth('2027-02', TZ, NOW)).toThrow(/not started/);
		expect(parseMonth('2027-01', TZ, NOW)).toBe('2027-01');
	});
});

describe('the report’s figures are /api/stats’ figures', () => {
	it('October (DST month): every total, topic, site and channel equals periodStats to the unit', async () => {
		const r = reports['2026-10']!;
		const s = await stats('2026-10', CALLS);
		expect(r.stats.month).toEqual(s);
		// o1…o9 are October's contacts, the DST hour included, n1 (November) not; the call
		// figures leave out o5 (chat) and o6 (e-mail), which the channel table lists.
		expect(s.total.offered).toBe(7);
		expect((await stats('2026-10')).total.offered).toBe(9);
		const totals = rowOf(tableOf(r, 'summary', 'totals'), 'Total');
		for (const m of PERIOD_METRICS) expect(totals[m], m).toBe(s.total[m]);
		const byTopic = tableOf(r, 'volumes', 'by_topic');
		for (const t of db.config.topics)
			for (const m of ['offered', 'answered', 'abandoned', 'short_abandoned', 'abandon_rate', 'asa_s', 'avg_wait_s', 'max_wait_s'] as const)
				expect(rowOf(byTopic, t.name.en)[m], `${t.id} ${m}`).toBe(s.byTopic[t.id]?.[m] ?? null);
		const bySite = tableOf(r, 'volumes', 'by_site');
		for (const site of db.config.sites) expect(rowOf(bySite, site.name).answered).toBe(s.bySite[site.id]?.answered ?? null);
		const byChannel = tableOf(r, 'volumes', 'by_channel');
		const names: Record<string, string> = { voice: 'Calls', chat: 'Chat', callback: 'Callbacks', email: 'E-mail', einquiry: 'E-inquiries' };
		for (const c of CHANNELS) {
			const cs = await stats('2026-10', { ...ALL, channel: c });
			expect(rowOf(byChannel, names[c]!).offered, c).toBe(cs.total.offered);
			expect(rowOf(byChannel, names[c]!).asa_s, c).toBe(cs.total.asa_s);
		}
		expect(rowOf(byChannel, 'Calls').offered).toBe(7);
		// The table's total is every channel together (9 contacts), not the calls alone.
		const all = await stats('2026-10');
		expect(rowOf(byChannel, 'Total')).toMatchObject({ offered: 9, answered: all.total.answered, asa_s: all.total.asa_s });
		expect(byChannel.note?.en, 'the table says what its total is').toMatch(/every channel together/);
	});

	it('October: handle time, service level against each target, the comparison months', async () => {
		const r = reports['2026-10']!;
		const s = await stats('2026-10', CALLS);
		const aht = tableOf(r, 'handle_time', 'by_topic');
		// Pensions calls: o1 and o7 (o5 is a chat).
		expect(rowOf(aht, 'Pensions')).toMatchObject({ answered: 2, aht_s: s.byTopic.pensions!.aht_s, talk_s: s.byTopic.pensions!.talk_s, hold_s: 10 / 2, wrap_s: 40 / 2 });
		const sl = tableOf(r, 'service_level', 'by_topic');
		// Benefits: o2 answered after 75 s (target 60 s), o3 a short abandon: 0 of 1 counted.
		expect(rowOf(sl, 'Benefits')).toMatchObject({ offered: 2, short_abandoned: 1, service_level: 0, target_s: 60, goal: 0.8, met: { lt: 'ne', en: 'no' } });
		expect(rowOf(sl, 'Benefits').service_level).toBe(s.byTopic.benefits!.service_level);
		const counts = tableOf(r, 'comparison', 'counts');
		// September: s1, s2; October 2025: y1.
		expect(rowOf(counts, 'Offered')).toMatchObject({ current: 7, previous_month: 2, change_previous: 2.5, same_month_last_year: 1, change_year: 6 });
		const rates = tableOf(r, 'comparison', 'rates');
		const sep = await stats('2026-09');
		expect(rowOf(rates, 'Service level').previous_month).toBe(sep.total.service_level);
		expect(rowOf(rates, 'Service level').change_previous).toBeCloseTo(((s.total.service_level ?? 0) - (sep.total.service_level ?? 0)) * 100, 12);
	});

	it('October: the heat map puts both DST 03:30 calls in Sunday 03:00 and adds up to offered', async () => {
		const r = reports['2026-10']!;
		const sunday3 = r.charts.heatMap.find((c) => c.weekday === 7 && c.hour === 3)!;
		expect(sunday3).toEqual({ weekday: 7, hour: 3, offered: 2, avgWaitS: 60 });
		expect(r.charts.heatMap).toHaveLength(7 * 24);
		expect(r.charts.heatMap.reduce((n, c) => n + c.offered, 0)).toBe(r.stats.month.total.offered);
		// 1 October 00:15 local (a Thursday) is hour 0, not 21:00 of the 30th.
		expect(r.charts.heatMap.find((c) => c.weekday === 4 && c.hour === 0)!.offered).toBe(1);
		expect(rowOf(tableOf(r, 'heat_map', 'calls'), 'Sunday').h03).toBe(2);
	});

	it('filtered to one site: answered-call figures only, per topic too; its share is of the whole centre', async () => {
		const r = await buildMonthlyReport(db.store.client, '2026-10', { ...ALL, site: 'panevezys' }, db.config, { now: NOW });
		const pensions = rowOf(tableOf(r, 'volumes', 'by_topic'), 'Pensions');
		// o1 and o7 were answered at Panevėžys; o8 (timed out) belongs to no site.
		expect(pensions).toMatchObject({ answered: 2, offered: null, abandoned: null, abandon_rate: null, avg_wait_s: null });
		expect(r.stats.month.byTopic.pensions).toMatchObject({ answered: 2, service_level: null });
		expect(r.charts.siteLoad).toEqual([expect.objectContaining({ site: 'panevezys', answered: 2, share: 2 / 4 })]);
	});

	it('site load: shares of the month’s answered calls', () => {
		const r = reports['2026-10']!;
		// Calls answered: o1 o7 panevezys, o2 o9 siauliai = 4; radviliskis answered a chat and an e-mail.
		expect(r.charts.siteLoad.map((s) => [s.site, s.answered, s.share])).toEqual([
			['panevezys', 2, 2 / 4],
			['radviliskis', 0, 0],
			['siauliai', 2, 2 / 4]
		]);
	});
});

describe('partial periods in the report’s trends', () => {
	const rows = (r: MonthlyReport, key: string) => r.sections.find((x) => x.key === 'yearly_trend')!.tables.find((t) => t.key === key)!.rows;
	it('the October report’s year stops at October: November’s and December’s calls are not in it, and the year is marked', () => {
		const years = rows(reports['2026-10']!, 'yearly');
		// 2026 voice to 31 October: o1 o2 o3 o4 o7 o8 o9 s1 s2 = 9 (n1, d1, d2 come later).
		expect(years.at(-1)).toEqual({ year: '2026', offered: 9, covers: { lt: 'iki spalio 31 d.', en: 'to 31 October' } });
		// 2025 holds one October call: the first year of the history, from 15 October.
		expect(years[0]).toEqual({ year: '2025', offered: 1, covers: { lt: 'nuo spalio 15 d.', en: 'from 15 October' } });
		expect(reports['2026-10']!.charts.yearly.at(-1)).toMatchObject({ year: 2026, offered: 9, partial: { to: '2026-10-31' } });
	});
	it('a month in progress says "to date" and is compared with the same days of the year before', async () => {
		const r = await buildMonthlyReport(db.store.client, '2026-10', ALL, db.config, { now: Date.parse('2026-10-16T10:00:00Z') });
		const last = rows(r, 'monthly').at(-1)!;
		// 1–16 October 2026: o1 o2 o3 o4 = 4; 1–16 October 2025: y1 = 1.
		expect(last).toMatchObject({ month: '2026-10', offered: 4, year_before: 1, yoy: 3, covers: { lt: 'iki spalio 16 d.', en: 'to 16 October' } });
		expect(rows(r, 'yearly').at(-1)).toMatchObject({ year: '2026', offered: 6 });
	});
});

describe('a month with public holidays (December 2026)', () => {
	it('callbacks are due by the next working day, holidays skipped', () => {
		const r = reports['2026-12']!;
		const cb = tableOf(r, 'callbacks', 'by_topic');
		// cb1 across Christmas: on time; cb2 after Friday's early close: late; cb3 never made: overdue.
		expect(rowOf(cb, 'Pensions')).toMatchObject({ total: 1, on_time: 1, late: 0, overdue: 0 });
		expect(rowOf(cb, 'Benefits')).toMatchObject({ total: 2, on_time: 0, late: 1, overdue: 1, pending: 0, on_time_share: 0 });
		expect(rowOf(cb, 'Total')).toMatchObject({ total: 3, on_time: 1, late: 1, overdue: 1, on_time_share: 1 / 3 });
	});

	it('e-inquiries within 20 working days, holidays skipped; open ones past the deadline are overdue', () => {
		const ei = tableOf(reports['2026-12']!, 'e_inquiries', 'by_topic');
		expect(rowOf(ei, 'Other social insurance')).toMatchObject({ total: 1, on_time: 1, late: 0 });
		expect(rowOf(ei, 'Pensions')).toMatchObject({ total: 1, overdue: 1 });
		expect(rowOf(ei, 'Total')).toMatchObject({ total: 2, on_time: 1, overdue: 1, on_time_share: 0.5 });
	});

	it('open written work is offered: the volumes count the callbacks and e-inquiries the deadline tables count', async () => {
		const r = reports['2026-12']!;
		const byChannel = tableOf(r, 'volumes', 'by_channel');
		// cb3 (never made) and ei2 (never answered) are still open: offered, not answered.
		expect(rowOf(byChannel, 'Callbacks')).toMatchObject({ offered: 3, answered: 2 });
		expect(rowOf(byChannel, 'E-inquiries')).toMatchObject({ offered: 2, answered: 1 });
		expect(rowOf(tableOf(r, 'callbacks', 'by_topic'), 'Total').total).toBe(3);
		expect(rowOf(tableOf(r, 'e_inquiries', 'by_topic'), 'Total').total).toBe(2);
		// The same on /api/stats' function, per topic too; calls are untouched.
		const e = await stats('2026-12', { ...ALL, channel: 'einquiry' });
		expect([e.total.offered, e.byTopic.pensions?.offered, e.byTopic.other?.offered]).toEqual([2, 1, 1]);
		expect((await stats('2026-12', { ...ALL, channel: 'voice' })).total.offered).toBe(2);
	});

	it('the same open e-inquiry, judged before its deadline, is pending and out of the share', async () => {
		const early = await buildMonthlyReport(db.store.client, '2026-12', ALL, db.config, { now: Date.parse('2026-12-31T12:00:00Z') });
		expect(rowOf(tableOf(early, 'e_inquiries', 'by_topic'), 'Total')).toMatchObject({ total: 2, on_time: 1, overdue: 0, pending: 1, on_time_share: 1 });
	});

	it('the summary counts working days without the holidays', () => {
		const period = tableOf(reports['2026-12']!, 'summary', 'period').rows[0]!;
		// 23 weekdays in December 2026, less 24 and 25 December.
		expect(period.working_days).toBe(21);
		expect(period.holidays).toContain('2026-12-24 Kūčios');
	});
});

describe('an empty month', () => {
	it('says there was no traffic instead of failing', () => {
		const r = reports['2026-06']!;
		expect(r.empty).toBe(true);
		const summary = r.sections.find((s) => s.key === 'summary')!;
		expect(summary.note?.en).toMatch(/no traffic/);
		expect(rowOf(tableOf(r, 'summary', 'totals'), 'Total')).toMatchObject({ offered: 0, answered: 0, asa_s: null, service_level: null });
		expect(reports['2026-10']!.empty).toBe(false);
	});

	it('estimated-wait accuracy with no stored estimates says so', () => {
		const ewt = reports['2026-10']!.sections.find((s) => s.key === 'ewt_accuracy')!;
		expect(ewt.tables).toEqual([]);
		expect(ewt.note?.en).toBe('No estimates stored for this month.');
	});

	it('still renders as XLSX and CSV', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(await renderReportXlsx(reports['2026-06']!, 'en')) as never);
		expect(wb.getWorksheet('Report')!.getColumn(2).values).toContain('There was no traffic this month.');
		expect(parseCsv(new TextDecoder().decode(renderReportCsv(reports['2026-06']!, 'en')).slice(1)).length).toBeGreaterThan(10);
	});
});

describe('exports carry the same numbers', () => {
	it('XLSX: one sheet per section plus definitions; real numbers with formats; frozen header', async () => {
		const r = reports['2026-10']!;
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(await renderReportXlsx(r, 'lt')) as never);
		const names = wb.worksheets.map((w) => w.name);
		expect(names).toEqual(['Ataskaita', ...r.sections.map((s) => s.lt), 'Apibrėžimai']);
		let checked = 0;
		for (const s of r.sections) {
			const ws = wb.getWorksheet(s.lt)!;
			for (const t of s.tables) {
				// Find the table's header row under its title, then compare every cell.
				let header = 0;
				ws.eachRow((row, n) => {
					if (!header && row.getCell(1).value === t.lt && ws.getRow(n + 1).getCell(1).value === t.columns[0]!.lt) header = n + 1;
				});
				expect(header, `${s.key}/${t.key}`).toBeGreaterThan(0);
				t.rows.forEach((row, i) => {
					const xr = ws.getRow(header + 1 + i);
					t.columns.forEach((c, j) => {
						const cell = xr.getCell(j + 1);
						const want = cellValue(row[c.key], 'lt');
						if (c.format === 'date' || c.format === 'month') expect((cell.value as Date).toISOString().slice(0, want === null ? 0 : String(want).length)).toBe(want);
						else expect(cell.value ?? null, `${s.key}/${t.key}/${c.key}`).toBe(want);
						if (typeof want === 'number') {
							expect(typeof cell.value).toBe('number');
							expect(cell.numFmt).toBeTruthy();
							checked++;
						}
					});
				});
			}
		}
		expect(checked).toBeGreaterThan(300);
		const totals = wb.getWorksheet('Suvestinė')!;
		expect(totals.views[0]).toMatchObject({ state: 'frozen' });
		expect(totals.getColumn(2).width).toBeGreaterThan(8);
		const defs = wb.getWorksheet('Apibrėžimai')!;
		expect(defs.getColumn(2).values.join(' ')).toContain('Vidutinis atsiliepimo laikas');
	});

	it('CSV: BOM, CRLF, RFC 4180 quoting; every figure equals the report', () => {
		const r = reports['2026-10']!;
		const bytes = renderReportCsv(r, 'lt');
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
		expect(text.startsWith('\uFEFF')).toBe(true);
		const [header, ...rows] = parseCsv(text.slice(1));
		expect(header).toEqual(['section', 'table', 'row', 'column_key', 'column', 'value', 'format']);
		const byKey = new Map(rows.map((f) => [`${f[0]}/${f[1]}/${f[2]}/${f[3]}`, f]));
		let checked = 0;
		for (const s of r.sections)
			for (const t of s.tables)
				for (const row of t.rows) {
					const label = cellValue(row[t.columns[0]!.key], 'lt');
					for (const c of t.columns.slice(1)) {
						const f = byKey.get(`${s.key}/${t.key}/${label}/${c.key}`);
						expect(f, `${s.key}/${t.key}/${label}/${c.key}`).toBeDefined();
						const want = cellValue(row[c.key], 'lt');
						if (typeof want === 'number') (expect(Number(f![5])).toBe(want), checked++);
						else expect(f![5]).toBe(want ?? '');
					}
				}
		expect(checked).toBeGreaterThan(300);
		expect(byKey.get('summary/totals/Iš viso/offered')![5]).toBe('7');
		// Lithuanian letters survive, and a definition with commas and quotes is one field.
		expect(text).toContain('Įmokos');
		expect(rows.some((f) => f[0] === 'definitions' && f[5]!.includes(','))).toBe(true);
	});
});

describe('closed months are frozen', () => {
	it('stores revision 1, serves it, and a recalculation with nothing new stores nothing', async () => {
		const first = await freezeReport(db.store.client, reports['2026-10']!, 'test', NOW);
		expect(first.created).toBe(true);
		expect(first.report.stored).toMatchObject({ revision: 1, changes: [] });
		const again = await freezeReport(db.store.client, await buildMonthlyReport(db.store.client, '2026-10', ALL, db.config, { now: NOW + 1000 }), 'test', NOW + 1000);
		expect(again.created).toBe(false);
		expect(again.report.stored!.revision).toBe(1);
		const served = await monthlyReport(db.store.client, '2026-10', ALL, db.config);
		expect(served.stored!.revision).toBe(1);
		expect(served.generatedAt).toBe(reports['2026-10']!.generatedAt);
	});

	it('late data never changes a stored report silently: a new revision lists each changed figure', async () => {
		// A late call for 12 October arrives after the month was frozen.
		await ingestLines('late', [contactLine(['late1', '2026-10-12T10:00:00+03:00', 'voice', 'pensions', 'abandoned', 50])]);
		const served = await monthlyReport(db.store.client, '2026-10', ALL, db.config);
		expect(served.stats.month.total.offered).toBe(7); // still the stored figures
		const fresh = await monthlyReport(db.store.client, '2026-10', ALL, db.config, { fresh: true, now: NOW + 2000 });
		expect(fresh.stats.month.total.offered).toBe(8);
		expect(fresh.recomputed!.againstRevision).toBe(1);
		expect(fresh.recomputed!.changes).toContainEqual({ section: 'summary', table: 'totals', row: { lt: 'Iš viso', en: 'Total' }, column: 'offered', before: 7, after: 8 });
		const second = await freezeReport(db.store.client, fresh, 'test', NOW + 2000);
		expect(second.report.stored!.revision).toBe(2);
		expect(second.report.stored!.changes).toEqual(fresh.recomputed!.changes);
		// Revision 1 is still there, unchanged.
		const list = await listStored(db.store.client);
		expect(list.filter((x) => x.month === '2026-10').map((x) => [x.revision, x.changes > 0])).toEqual([
			[2, true],
			[1, false]
		]);
		expect((await latestStored(db.store.client, '2026-10', ALL))!.stats.month.total.offered).toBe(8);
	});

	it('an older revision can still be read as it was stored; one that was never stored is null', async () => {
		const ask = (query: string) => {
			const req = parseReportRequest('2026-10', new URLSearchParams(query), db.config, null, 'lt');
			if (req instanceof Response) throw new Error(`refused: ${query}`);
			return requestedReport(db.store.client, req, db.config);
		};
		const first = await ask('revision=1');
		expect(first!.stored!.revision).toBe(1);
		expect(first!.stats.month.total.offered).toBe(7);
		expect((await ask(''))!.stored!.revision).toBe(2);
		expect((await ask(''))!.stats.month.total.offered).toBe(8);
		expect(await ask('revision=3')).toBeNull();
		// A revision of another selection is another report.
		expect(await ask('revision=1&topic=pensions')).toBeNull();
	});

	it('refuses a revision that is not a number, and fresh with revision', async () => {
		const refusal = async (query: string) => {
			const res = parseReportRequest('2026-10', new URLSearchParams(query), db.config, null, 'lt');
			expect(res).toBeInstanceOf(Response);
			return { status: (res as Response).status, error: ((await (res as Response).json()) as { error: string }).error };
		};
		expect(await refusal('revision=0')).toEqual({ status: 400, error: 'revision must be a stored revision\'s number (1, 2, …), got "0"' });
		expect(await refusal('revision=two')).toMatchObject({ status: 400 });
		expect(await refusal('revision=1&fresh=1')).toEqual({ status: 400, error: 'ask for fresh=1 (recompute now) or revision=N (as stored), not both' });
	});
});

describe('when a closed month is frozen', () => {
	it('at the opening of the month’s first working day, holidays and weekends skipped', () => {
		const calendar = new WorkingCalendar(db.config);
		// January 2027: the 1st is a holiday (Friday), then a weekend: first working day Monday the 4th, 08:00.
		expect(firstWorkingDay('2027-01', calendar)).toBe('2027-01-04');
		expect(monthToFreeze(Date.parse('2027-01-02T12:00:00+02:00'), calendar)).toBeNull();
		expect(monthToFreeze(Date.parse('2027-01-04T07:59:00+02:00'), calendar)).toBeNull();
		expect(monthToFreeze(Date.parse('2027-01-04T08:00:00+02:00'), calendar)).toBe('2026-12');
		// November 2026: 1st Sunday, 2nd Vėlinės: Tuesday the 3rd.
		expect(firstWorkingDay('2026-11', calendar)).toBe('2026-11-03');
		expect(monthToFreeze(Date.parse('2026-11-02T12:00:00+02:00'), calendar)).toBeNull();
		expect(monthToFreeze(Date.parse('2026-11-20T12:00:00+02:00'), calendar)).toBe('2026-10');
	});
});

describe('the freezer part', () => {
	it('on the first working day freezes the month before once; later checks store nothing', async () => {
		const app = { config: db.config, store: db.store };
		// 4 January 2027, 09:00: December 2026 is due and not yet stored.
		const due = Date.parse('2027-01-04T09:00:00+02:00');
		expect(await freezeDueMonth(app, Date.parse('2027-01-01T09:00:00+02:00'))).toBeNull();
		expect(await freezeDueMonth(app, due)).toEqual({ month: '2026-12', revision: 1 });
		expect(await freezeDueMonth(app, due + 3_600_000)).toBeNull();
		const stored = (await latestStored(db.store.client, '2026-12', ALL))!;
		expect(stored.stored).toMatchObject({ revision: 1, reason: 'scheduled' });
		expect(stored.stats.month).toEqual(await stats('2026-12', CALLS));
	});

	it('waits for what it is told to wait for (the demo history still loading) before its first check', async () => {
		// A first start's demo backfills history in the background; freezing last month before it is
		// done stored a revision 1 with half a month (or none) in it, and the month stays frozen so.
		let loaded!: () => void;
		const history = new Promise<void>((r) => (loaded = r));
		const due = Date.parse('2027-02-01T09:00:00+02:00'); // January 2027 is due.
		const logged: string[] = [];
		const part = reportFreezerPart({ firstCheckMs: 1, everyMs: 3_600_000, now: () => due, waitFor: () => history, log: (l) => logged.push(l) });
		await part.start({ config: db.config, store: db.store } as unknown as App, undefined as never);
		// Long enough for a check to build and store the month (it logs when it has).
		await new Promise((r) => setTimeout(r, 3_000));
		expect(logged).toEqual([]);
		expect(await latestStored(db.store.client, '2027-01', ALL)).toBeNull();
		loaded();
		// The check logs once the month is stored (polling the store alone could see it first).
		await expect.poll(() => logged, { timeout: 30_000 }).toEqual(['reports: 2027-01 frozen as revision 1']);
		expect((await latestStored(db.store.client, '2027-01', ALL))?.stored?.revision).toBe(1);
		await part.stop();
	});
});
