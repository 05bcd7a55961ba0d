/**
 * Open written work has one definition (sql/queries/written/open.sql and server/written/openWork.ts):
 * the dashboard's live figures (LiveState.now's written queues and the backlogs) and the monthly
 * report's deadline tables, and /api/stats' offered, agree on the same data. Real chDB, events
 * through the real ingest path; a fixed "now" (Monday 30 November 2026, 17:30 in Vilnius, half
 * an hour after the close of an e-inquiry's 20th working day) so the deadline edge is exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath } from '../helpers/ingest.ts';
import { readNow } from '../../src/lib/server/live/now.ts';
import { readLiveState } from '../../src/lib/server/live/liveState.ts';
import { buildMonthlyReport } from '../../src/lib/server/reports/buildReport.ts';
import { cellValue } from '../../src/lib/server/reports/cells.ts';
import { periodStats } from '../../src/lib/server/stats/periodStats.ts';
import { monthRange } from '../../src/lib/server/reports/month.ts';
import type { MonthlyReport, ReportTable } from '../../src/lib/server/reports/types.ts';

const TZ = 'Europe/Vilnius';
/** Vilnius is UTC+2 in October's last days and November. */
const at = (local: string) => Date.parse(`${local}+02:00`);
const NOW = at('2026-11-30T17:30:00');

const EVENTS = [
	// Friday 30 October; Monday 2 November (Vėlinės) is a holiday, so its 20th working day is
	// Monday 30 November (a count of weekdays says Friday 27th): overdue since 17:00 today.
	{ type: 'einquiry.received', ts: '2026-10-30T10:00:00', call_id: 'ow-holiday', topic: 'other' },
	// Tuesday 27 October, answered at 16:00 on its 20th working day (25 November): on time.
	{ type: 'einquiry.received', ts: '2026-10-27T10:00:00', call_id: 'ow-20th', topic: 'pensions' },
	{ type: 'einquiry.answered', ts: '2026-11-25T16:00:00', call_id: 'ow-20th', agent: 'ona', site: 'siauliai' },
	// Friday 20 November, open: due in December, not soon.
	{ type: 'einquiry.received', ts: '2026-11-20T10:00:00', call_id: 'ow-new', topic: 'pensions' },
	// A callback asked on Friday 27 November: due at the close of Monday 30th, not made.
	{ type: 'call.callback_requested', ts: '2026-11-27T14:00:00', call_id: 'ow-cb', topic: 'benefits' },
	// An e-mail received today: the live view's only (the report has no e-mail deadline table).
	{ type: 'email.received', ts: '2026-11-30T09:00:00', call_id: 'ow-mail', topic: 'other' }
];

let db: Embedded;
const reports: Record<string, MonthlyReport> = {};

beforeAll(async () => {
	db = await openEmbedded();
	const file = join(db.dir, 'open-written.ndjson');
	writeFileSync(file, EVENTS.map((e) => JSON.stringify({ ...e, ts: at(e.ts) })).join('\n') + '\n');
	await ingestPath(db.store.client, db.config, file, 'ndjson', 'open-written');
	for (const m of ['2026-10', '2026-11']) reports[m] = await buildMonthlyReport(db.store.client, m, { topic: null, site: null, channel: null }, db.config, { now: NOW });
}, 60_000);
afterAll(async () => db?.close());

const total = (r: MonthlyReport, section: string): Record<string, number> => {
	const t: ReportTable | undefined = r.sections.find((s) => s.key === section)?.tables.find((x) => x.key === 'by_topic');
	const first = t!.columns[0]!.key;
	const row = t!.rows.find((x) => cellValue(x[first], 'en') === 'Total')!;
	return row as unknown as Record<string, number>;
};
/** The reports of both months added up, as the live view sees both. */
const sum = (section: string, key: string) => Object.values(reports).reduce((n, r) => n + (Number(total(r, section)[key]) || 0), 0);

describe('open written work: the dashboard and the report agree', () => {
	it('e-inquiries: open and overdue, the one over a holiday overdue from the close of its 20th working day', async () => {
		const live = (await readNow(db.store.client, db.config, NOW)).written.find((w) => w.kind === 'einquiry')!;
		expect(live).toMatchObject({ open: 2, overdue: 1, dueSoon: 0, oldestAgeWorkingDays: 20 });
		// The report: still open is overdue or pending; the one answered on its 20th working day is on time.
		expect(sum('e_inquiries', 'overdue') + sum('e_inquiries', 'pending')).toBe(live.open);
		expect(sum('e_inquiries', 'overdue')).toBe(live.overdue);
		expect(total(reports['2026-10']!, 'e_inquiries')).toMatchObject({ total: 2, on_time: 1, late: 0, overdue: 1 });
		expect(total(reports['2026-11']!, 'e_inquiries')).toMatchObject({ total: 1, pending: 1, overdue: 0 });
		// The backlogs by age, on the wallboard: the same two, the same one overdue.
		const state = await readLiveState(db.store.client, db.config, NOW);
		const byAge = Object.fromEntries(state.backlogs.eInquiriesByAge.map((b) => [b.label, b.count]));
		expect(Object.values(byAge).reduce((a, b) => a + b, 0)).toBe(live.open);
		expect(byAge.overdue).toBe(live.overdue);
	});

	it('callbacks: the one due at today’s close is overdue in both', async () => {
		const live = (await readNow(db.store.client, db.config, NOW)).written.find((w) => w.kind === 'callback')!;
		expect(live).toMatchObject({ open: 1, overdue: 1 });
		expect(sum('callbacks', 'overdue') + sum('callbacks', 'pending')).toBe(live.open);
		expect(sum('callbacks', 'overdue')).toBe(live.overdue);
		const state = await readLiveState(db.store.client, db.config, NOW);
		expect(state.backlogs).toMatchObject({ callbacksWaiting: 1, callbacksOverdue: 1 });
	});

	it('offered counts the open ones once, as the report’s totals do', async () => {
		const range = { ...monthRange('2026-10', TZ), toMs: monthRange('2026-11', TZ).toMs };
		const e = await periodStats(db.store.client, range, { topic: null, site: null, channel: 'einquiry' }, TZ);
		expect(e.total.offered).toBe(sum('e_inquiries', 'total'));
		expect(e.total.offered).toBe(3);
		const email = (await readNow(db.store.client, db.config, NOW)).written.find((w) => w.kind === 'email')!;
		expect(email).toMatchObject({ open: 1, overdue: 0, oldestAgeWorkingDays: 0 });
	});
});
