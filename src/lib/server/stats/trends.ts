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
import type { AhtPoint, Intraday, IntradaySlot, MonthlyPoint, MonthlyWaitPoint, OpeningHours, TrendFilter, YearlyPoint } from '../../charts/types.ts';
import { isoWeekday } from '../calendar/holidays.ts';

/** Opening hours by ISO weekday as configured ('1' = Monday); a missing or null day is closed. */
export type WeekHours = Partial<Record<string, OpeningHours | null>>;

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

/** The local day after `date`, and the same day a year before (29 February → 28 February). */
const dayAfter = (date: string) => shiftDate(date, 1);
function yearBefore(date: string): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const back = new Date(Date.UTC(y - 1, m - 1, d));
	return back.getUTCMonth() === m - 1 ? back.toISOString().slice(0, 10) : new Date(Date.UTC(y - 1, m, 0)).toISOString().slice(0, 10);
}
const lastDayOfMonth = (month: string) => {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * The first year of history counts as whole when its contacts start in the first week of
 * January: 1 January is a holiday and the days after it are quiet, so a centre that went live
 * with the year has no contacts on the 1st.
 */
const WHOLE_YEAR_START = '-01-07';

/**
 * Offered per calendar year, every year from the first in the data to the one `now` falls in,
 * counted up to the end of `now`'s local day (a report passes an instant in its month's last
 * day: its year stops there). The first year, when the history starts after its first week, and
 * the last, when it is not over, carry `partial`.
 */
export async function yearlyOffered(db: ClickHouseClient, filter: TrendFilter, timeZone: string, now = Date.now()): Promise<YearlyPoint[]> {
	const lastDay = localDateOf(now, timeZone);
	const rows = await queryRows<{ year: number; offered: number; first_day: string }>(db, 'trends/yearly_offered', {
		...filterParams(filter, timeZone),
		to: sec(startOfLocalDay(dayAfter(lastDay), timeZone))
	});
	if (rows.length === 0) return [];
	const byYear = new Map(rows.map((r) => [r.year, r.offered]));
	const first = rows[0]!;
	const out: YearlyPoint[] = [];
	for (let y = first.year; y <= rows.at(-1)!.year; y++) {
		const from = y === first.year && first.first_day > `${y}${WHOLE_YEAR_START}` ? first.first_day : null;
		const to = lastDay.startsWith(`${y}-`) && lastDay < `${y}-12-31` ? lastDay : null;
		out.push(from || to ? { year: y, offered: byYear.get(y) ?? 0, partial: { from, to } } : { year: y, offered: byYear.get(y) ?? 0 });
	}
	return out;
}

/**
 * Offered per month for the last `months` months (the one `now` falls in included), counted up
 * to the end of `now`'s local day, with year-on-year change. A month not over is marked partial
 * and compared with the same days of the year before, not with the whole month (4 days of
 * December against a whole December read −81 %).
 */
export async function monthlyOffered(
	db: ClickHouseClient,
	filter: TrendFilter,
	timeZone: string,
	now = Date.now(),
	months = 24
): Promise<MonthlyPoint[]> {
	const lastDay = localDateOf(now, timeZone);
	const last = lastDay.slice(0, 7);
	const first = addMonths(last, -(months - 1));
	const inPart = lastDay < lastDayOfMonth(last);
	const count = (fromMs: number, toMs: number) =>
		queryRows<{ month: string; offered: number }>(db, 'trends/monthly_offered', { ...filterParams(filter, timeZone), from: sec(fromMs), to: sec(toMs) });
	// A year more than shown, for the year-on-year figure of the first months.
	const [rows, sameDays] = await Promise.all([
		count(monthStart(addMonths(first, -12), timeZone), startOfLocalDay(dayAfter(lastDay), timeZone)),
		inPart ? count(monthStart(addMonths(last, -12), timeZone), startOfLocalDay(dayAfter(yearBefore(lastDay)), timeZone)) : null
	]);
	const byMonth = new Map(rows.map((r) => [r.month.slice(0, 7), r.offered]));
	return monthsBetween(first, last).map((month) => {
		const offered = byMonth.get(month) ?? 0;
		const partial = inPart && month === last;
		const before = partial ? (sameDays?.[0]?.offered ?? 0) : (byMonth.get(addMonths(month, -12)) ?? 0);
		const point: MonthlyPoint = { month, offered, offeredYearBefore: before, yoy: before > 0 ? (offered - before) / before : null };
		return partial ? { ...point, partial: { from: null, to: lastDay } } : point;
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
	now = Date.now(),
	openingHours: WeekHours = {}
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
		// The same weekday a week before has the same hours: one span for both days.
		hours: openingHours[String(isoWeekday(day))] ?? null,
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
