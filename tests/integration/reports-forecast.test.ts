/**
 * The monthly report's forecast accuracy on real chDB: contacts through the real ingest path,
 * forecasts stored in forecast_intervals as the forecast service freezes them, and MAPE and bias
 * per topic, channel and horizon computed by hand. An interval stored twice counts its first
 * forecast only; a month without stored forecasts says so instead of showing zeros.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath } from '../helpers/ingest.ts';
import { buildMonthlyReport } from '../../src/lib/server/reports/buildReport.ts';
import { renderReportCsv } from '../../src/lib/server/reports/csv.ts';
import { cellValue } from '../../src/lib/server/reports/cells.ts';
import type { MonthlyReport } from '../../src/lib/server/reports/types.ts';

const NOW = Date.parse('2027-01-20T10:00:00Z');
const ALL = { topic: null, site: null, channel: null };

let db: Embedded;
let oct: MonthlyReport;
let june: MonthlyReport;

const contact = (id: string, queued: string) => {
	const q = Date.parse(queued);
	return JSON.stringify({
		type: 'contact', contact_id: `fa-${id}`, channel: 'voice', topic: 'pensions', site: 'siauliai', agent: 'ona',
		queued_at: q, answered_at: q + 10_000, ended_at: q + 70_000, outcome: 'answered', wait_ms: 10_000, talk_ms: 60_000, hold_ms: 0, wrap_ms: 0
	});
};
const forecast = (bucket: string, horizon: string, madeAt: string, expected: number) => ({ bucket, topic: 'pensions', channel: 'voice', horizon, made_at: madeAt, expected, low: 0, high: expected * 2 });

beforeAll(async () => {
	db = await openEmbedded();
	// Monday 5 October 2026, 09:00–09:15 local (06:00 UTC): 2 calls; 09:15–09:30: 1 call.
	const file = join(db.dir, 'contacts.ndjson');
	writeFileSync(file, [contact('a', '2026-10-05T09:01:00+03:00'), contact('b', '2026-10-05T09:07:00+03:00'), contact('c', '2026-10-05T09:20:00+03:00')].join('\n') + '\n');
	await ingestPath(db.store.client, db.config, file, 'ndjson', 'contacts');
	await db.store.client.insert({
		table: 'forecast_intervals',
		format: 'JSONEachRow',
		values: [
			forecast('2026-10-05 06:00:00', 'day', '2026-10-04 21:00:00.000', 4),
			// Stored again later (a restart): the first forecast made is the one scored.
			forecast('2026-10-05 06:00:00', 'day', '2026-10-05 05:00:00.000', 2),
			forecast('2026-10-05 06:15:00', 'day', '2026-10-04 21:00:00.000', 1.5),
			forecast('2026-10-05 06:00:00', '1h', '2026-10-05 05:00:00.000', 1),
			// November: not October's.
			forecast('2026-11-02 07:00:00', 'day', '2026-11-01 21:00:00.000', 50)
		]
	});
	oct = await buildMonthlyReport(db.store.client, '2026-10', ALL, db.config, { now: NOW });
	june = await buildMonthlyReport(db.store.client, '2026-06', ALL, db.config, { now: NOW });
}, 60_000);
afterAll(async () => db?.close());

describe('forecast accuracy in the monthly report', () => {
	it('MAPE and bias per topic and horizon from the first stored forecasts, computed by hand', () => {
		const section = oct.sections.find((s) => s.key === 'forecast_accuracy');
		expect(section, 'forecast_accuracy section').toBeDefined();
		const t = section!.tables.find((x) => x.key === 'by_topic')!;
		const rows = t.rows.map((r) => ({ topic: cellValue(r.topic, 'en'), channel: cellValue(r.channel, 'en'), horizon: cellValue(r.horizon, 'en'), intervals: r.intervals, mape: r.mape, bias: r.bias }));
		expect(rows).toHaveLength(2);
		const day = rows.find((r) => r.horizon === 'Day ahead')!;
		const hour = rows.find((r) => r.horizon === 'Hour ahead')!;
		expect(day.topic).toBe('Pensions');
		expect(day.channel).toBe('Calls');
		expect(day.intervals).toBe(2);
		// (|4 − 2| ÷ 2 + |1.5 − 1| ÷ 1) ÷ 2 = 0.75; bias (4 + 1.5 − 3) ÷ 3.
		expect(day.mape as number).toBeCloseTo(0.75, 6);
		expect(day.bias as number).toBeCloseTo(2.5 / 3, 6);
		// |1 − 2| ÷ 2; bias (1 − 2) ÷ 2.
		expect(hour.intervals).toBe(1);
		expect(hour.mape as number).toBeCloseTo(0.5, 6);
		expect(hour.bias as number).toBeCloseTo(-0.5, 6);
	});

	it('reaches the CSV export', () => {
		const csv = new TextDecoder().decode(renderReportCsv(oct, 'en'));
		expect(csv).toContain('forecast_accuracy');
	});

	it('a month without stored forecasts says so instead of showing zeros', () => {
		const section = june.sections.find((s) => s.key === 'forecast_accuracy')!;
		expect(section).toBeDefined();
		expect(section.tables).toEqual([]);
		expect(section.note?.en).toMatch(/no forecasts/i);
	});
});
