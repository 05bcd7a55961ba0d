/**
 * Forecasts frozen when made and scored against what happened, on real chDB: seven weeks of
 * simulated history through the real ingest path, the forecast made at 08:00 and again at 08:30
 * of a day (and by a restarted service), then scored after the day. A day-ahead forecast once
 * stored is never stored again nor rewritten; the hour-ahead one is stored for each quarter hour
 * as it comes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { newWriter } from '../helpers/ingest.ts';
import { backfillHistory } from '../../src/lib/server/simulation/history.ts';
import { ForecastService } from '../../src/lib/server/forecast/service.ts';

let db: Embedded;
const DAY = '2026-11-18';
const at = (hhmm: string, date = DAY) => Date.parse(`${date}T${hhmm}:00+02:00`);

beforeAll(async () => {
	db = await openEmbedded();
	const writer = newWriter(db.store.client, db.config);
	await backfillHistory({
		db: db.store.client,
		writer,
		config: db.config,
		range: { seed: 3, from: new Date(at('00:00', '2026-09-30')), to: new Date(at('00:00', '2026-11-19')) },
		params: { volume: { currentYear: 2026, currentYearCalls: 400_000, tenYearsAgoCalls: 80_000 } }
	});
	await writer.stop();
}, 180_000);
afterAll(async () => db?.close());

async function rows(): Promise<{ horizon: string; n: number; keys: number }[]> {
	const rs = await db.store.client.query({
		query: 'SELECT horizon, toUInt32(count()) AS n, toUInt32(uniqExact(bucket, topic, channel)) AS keys FROM forecast_intervals GROUP BY horizon ORDER BY horizon',
		format: 'JSONEachRow'
	});
	return rs.json();
}

describe('forecast_intervals', () => {
	it('keeps the first forecast of each interval and horizon, and scores them after the day', async () => {
		const svc = new ForecastService(db.store.client, db.config);
		await svc.view([], at('08:00'));
		const first = await rows();
		const day = first.find((r) => r.horizon === 'day')!;
		expect(day.n).toBeGreaterThan(100);
		expect(first.find((r) => r.horizon === '1h')!.n).toBeGreaterThan(3);
		await svc.view([], at('08:30'));
		await new ForecastService(db.store.client, db.config).view([], at('08:31'));
		const second = await rows();
		// The day-ahead forecasts were not added again; the hour-ahead ones grew by the new quarter hours.
		expect(second.find((r) => r.horizon === 'day')).toEqual(day);
		for (const r of second) expect(r.n).toBe(r.keys);
		expect(second.find((r) => r.horizon === '1h')!.n).toBeGreaterThan(first.find((r) => r.horizon === '1h')!.n);

		const scored = await svc.accuracy(at('00:00', '2026-11-19'));
		const voice = scored.filter((r) => r.channel === 'voice' && r.horizon === 'day');
		expect(voice.map((r) => r.topic).sort()).toEqual(['benefits', 'contributions', 'other', 'pensions']);
		for (const r of voice) {
			expect(r.intervals).toBeGreaterThan(20);
			expect(r.mape).toBeGreaterThan(0);
			expect(r.mape).toBeLessThan(0.6);
			expect(Math.abs(r.bias!)).toBeLessThan(0.3);
		}
	});
});
