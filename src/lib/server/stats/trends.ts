/**
 * Trend series for the supervisor dashboard, all from rollups (never raw rows): years and
 * months from the hourly one (contacts_1h), days and quarter hours from the 15-minute one,
 * bucketed in the centre's zone (the zone is a query parameter, applied before bucketing) and
 * gap-filled here so the charts never miss a year, month or quarter hour. Filtered to one site,
 * volumes are the site's answered calls (only an answered contact has a site), and the queue's
 * figures (average wait of all callers, service level) are left empty, as everywhere per site.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';
import { computePeriodMetrics, emptySums, type PeriodSums } from '../../metrics/definitions.ts';
import { localDateOf, startOfLocalDay, type UtcRange } from './periodRange.ts';
import { addMonths, monthsBetween, QUARTER_HOURS } from '../../charts/fill.ts';
import type { AhtPoint, Intraday, IntradaySlot, MonthlyPoint, MonthlyWaitPoint, TrendFilter, YearlyPoint } from '../../charts/types.ts';

const filterParams = (f: TrendFilter, timeZone: string) => ({
	tz: timeZone,
	channel: f.channel ?? '',
	topic: f.topic ?? '',
	site: f.site ?? ''
});

const sec = (ms: number) => Math.floor(ms / 1000);
/** The metrics of partial sums: every figure from its one definition (metrics/definitions.ts). */
const metricsOf = (sums: Partial<PeriodSums>) => computePeriodMetrics({ ...emptySums(), ...sums });

/** UTC epoch ms where a local month starts. */
const monthStart = (month: string, zone: string) => startOfLocalDay(`${month}-01`, zone);

/** Offered per calendar year, every year from the first to the last in the data. */
export async function yearlyOffered(db: ClickHouseClient, filter: TrendFilter, timeZone: string): Promise<YearlyPoint[]> {
	const rows = await queryRows<{ year: number; offered: number }>(db, 'trends/yearly_offered', filterParams(filter, timeZone));
	if (rows.length === 0) return [];
	const byYear = new Map(rows.map((r) => [r.year, r.offered]));
	const out: YearlyPoint[] = [];
	for (let y = rows[0]!.year; y <= rows.at(-1)!.year; y++) out.push({ year: y, offered: byYear.get(y) ?? 0 });
	return out;
}

/** Offered per month for the last `months` months (this month included) with year-on-year change. */
export async function monthlyOffered(
	db: ClickHouseClient,
	filter: TrendFilter,
	timeZone: string,
	now = Date.now(),
	months = 24
): Promise<MonthlyPoint[]> {
	const last = localDateOf(now, timeZone).slice(0, 7);
	const first = addMonths(last, -(months - 1));
	// A year more than shown, for the year-on-year figure of the first months.
	const rows = await queryRows<{ month: string; offered: number }>(db, 'trends/monthly_offered', {
		...filterParams(filter, timeZone),
		from: sec(monthStart(addMonths(first, -12), timeZone)),
		to: sec(monthStart(addMonths(last, 1), timeZone))
	});
	const byMonth = new Map(rows.map((r) => [r.month.slice(0, 7), r.offered]));
	return monthsBetween(first, last).map((month) => {
		const offered = byMonth.get(month) ?? 0;
		const before = byMonth.get(addMonths(month, -12)) ?? 0;
		return { month, offered, offeredYearBefore: before, yoy: before > 0 ? (offered - before) / before : null };
	});
}

/**
 * Average wait of all callers and ASA per month, every month from the first to the last in the
 * data. For one site only ASA: waits of all callers belong to the topic queues (SITE_SCOPE_NOTE).
 */
export async function monthlyWaits(db: ClickHouseClient, filter: TrendFilter, timeZone: string): Promise<MonthlyWaitPoint[]> {
	type Row = { month: string; offered: number; answered: number; wait_all_ms: number; wait_answered_ms: number };
	const rows = await queryRows<Row>(db, 'trends/monthly_waits', filterParams(filter, timeZone));
	if (rows.length === 0) return [];
	const byMonth = new Map(rows.map((r) => [r.month.slice(0, 7), r]));
	return monthsBetween(rows[0]!.month.slice(0, 7), rows.at(-1)!.month.slice(0, 7)).map((month) => {
		const r = byMonth.get(month);
		const m = r && metricsOf(r);
		return {
			month,
			offered: r?.offered ?? 0,
			answered: r?.answered ?? 0,
			avgWaitS: m && !filter.site ? m.avg_wait_s : null,
			asaS: m ? m.asa_s : null
		};
	});
}

function shiftDate(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

async function daySlots(db: ClickHouseClient, filter: TrendFilter, timeZone: string, date: string): Promise<Map<string, IntradaySlot>> {
	type Row = { slot: string; offered: number; short_abandoned: number; answered_in_sl: number; wait_all_ms: number };
	const rows = await queryRows<Row>(db, 'trends/intraday_15m', {
		...filterParams(filter, timeZone),
		from: sec(startOfLocalDay(date, timeZone)),
		to: sec(startOfLocalDay(shiftDate(date, 1), timeZone))
	});
	return new Map(
		rows.map((r) => {
			const m = metricsOf(r);
			// For one site, offered is its answered calls; their waits are not the queue's.
			return [r.slot, { offered: r.offered, avgWaitS: filter.site ? null : m.avg_wait_s, serviceLevel: filter.site ? null : m.service_level }];
		})
	);
}

const emptySlot = (): IntradaySlot => ({ offered: 0, avgWaitS: null, serviceLevel: null });

/** A local day (default today) against the same weekday a week before, by quarter hour. */
export async function intradayProfile(
	db: ClickHouseClient,
	filter: TrendFilter,
	timeZone: string,
	date: string | null = null,
	now = Date.now()
): Promise<Intraday> {
	const day = date ?? localDateOf(now, timeZone);
	const lastWeekDate = shiftDate(day, -7);
	const [today, lastWeek] = await Promise.all([
		daySlots(db, filter, timeZone, day),
		daySlots(db, filter, timeZone, lastWeekDate)
	]);
	return {
		date: day,
		lastWeekDate,
		slots: QUARTER_HOURS.map((slot) => ({ slot, today: today.get(slot) ?? emptySlot(), lastWeek: lastWeek.get(slot) ?? emptySlot() }))
	};
}

/** AHT with its talk, hold and wrap parts per topic over a range; every listed topic appears. */
export async function ahtByTopic(
	db: ClickHouseClient,
	filter: TrendFilter,
	timeZone: string,
	range: UtcRange,
	topics: readonly string[]
): Promise<AhtPoint[]> {
	type Row = { topic: string; answered: number; talk_ms: number; hold_ms: number; wrap_ms: number };
	const rows = await queryRows<Row>(db, 'trends/aht_by_topic', {
		...filterParams(filter, timeZone),
		from: sec(range.fromMs),
		to: sec(range.toMs)
	});
	const byTopic = new Map(rows.map((r) => [r.topic, r]));
	const order = [...topics, ...rows.map((r) => r.topic).filter((t) => !topics.includes(t))];
	const shown = filter.topic ? order.filter((t) => t === filter.topic) : order;
	return shown.map((topic) => {
		const r = byTopic.get(topic) ?? { topic, answered: 0, talk_ms: 0, hold_ms: 0, wrap_ms: 0 };
		const m = metricsOf(r);
		return { topic, answered: r.answered, ahtS: m.aht_s, talkS: m.talk_s, holdS: m.hold_s, wrapS: m.wrap_s };
	});
}
