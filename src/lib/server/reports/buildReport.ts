/**
 * The monthly report, composed from the functions the screens already use: periodStats (what
 * /api/stats answers) for the month, the month before and the same month a year before, once
 * per channel for the channel table; the trend series; the weekday × hour grid; the written
 * work's deadlines; estimated-wait accuracy. No figure is computed twice, so every number
 * here equals /api/stats (or /api/trends) for the same month and filter, to the unit.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import { CHANNELS } from '../../../../ingest/types.ts';
import { CALL_CHANNEL, CHANNEL_SCOPE_NOTE, PERIOD_METRICS, type PeriodMetric, type PeriodMetrics } from '../../metrics/definitions.ts';
import { METRIC_NAMES } from '../../i18n/dashboard.ts';
import { periodStats, type PeriodStats, type StatsFilter } from '../stats/periodStats.ts';
import { monthlyOffered, yearlyOffered } from '../stats/trends.ts';
import { WorkingCalendar } from '../calendar/workingDays.ts';
import { addCalendarDays, lithuanianHolidays } from '../calendar/holidays.ts';
import { ewtAccuracy, type EwtAccuracyRow } from '../ewt/accuracyQuery.ts';
import { ewtMethodName } from '../../metrics/ewt.ts';
import { forecastAccuracy, type AccuracyRow } from '../forecast/accuracy.ts';
import { addMonths, monthRange } from './month.ts';
import { weekdayHourGrid } from './heatMap.ts';
import { writtenWork, type DeadlineCounts, type WrittenWork } from './writtenWork.ts';
import { reportDefinitions } from './definitions.ts';
import { NOTES, SECTION_TITLES, T, WEEKDAYS } from './texts.ts';
import { col, metricColumn, metricRow, table } from './tables.ts';
import { CHANNEL_NAMES, filterText } from '../../reports/labels.ts';
import { coverage, WHOLE_MONTH, WHOLE_YEAR } from '../../charts/partial.ts';
import type { Bilingual, ComparisonPoint, HeatCell, MonthlyReport, ReportCharts, ReportRow, ReportSection, ReportTable, SectionKey, SiteLoadPoint } from './types.ts';

export type BuildOptions = {
	/** The generation instant (tests pin it); judges "overdue" and "in progress". */
	now?: number;
	/** Called as each query finishes: a progress bar's feed. */
	onStep?: (done: number, total: number, step: string) => void;
};

const COUNT_METRICS: PeriodMetric[] = ['offered', 'answered', 'abandoned', 'short_abandoned'];
const RATE_METRICS: PeriodMetric[] = ['abandon_rate', 'service_level'];
const TIME_METRICS: PeriodMetric[] = ['asa_s', 'avg_wait_s', 'aht_s', 'talk_s', 'hold_s', 'wrap_s', 'max_wait_s'];
const VOLUME_METRICS: PeriodMetric[] = ['offered', 'answered', 'abandoned', 'short_abandoned', 'abandon_rate', 'asa_s', 'avg_wait_s', 'max_wait_s'];
const SITE_METRICS: PeriodMetric[] = ['answered', 'asa_s', 'aht_s', 'talk_s', 'hold_s', 'wrap_s'];
const AHT_METRICS: PeriodMetric[] = ['answered', 'aht_s', 'talk_s', 'hold_s', 'wrap_s'];

export async function buildMonthlyReport(
	db: ClickHouseClient,
	month: string,
	filter: StatsFilter,
	config: Config,
	opts: BuildOptions = {}
): Promise<MonthlyReport> {
	const now = opts.now ?? Date.now();
	const tz = config.timeZone;
	const range = monthRange(month, tz);
	const calendar = new WorkingCalendar(config);
	const channels = filter.channel ? [filter.channel] : [...CHANNELS];
	// The whole centre's report shows call figures as every screen does (voice: CALL_CHANNEL) and
	// lists each channel in the volumes; a chosen channel narrows everything to it.
	const calls: StatsFilter = { ...filter, channel: filter.channel ?? CALL_CHANNEL };
	const trendFilter = { channel: calls.channel, topic: filter.topic, site: filter.site };
	/** An instant in the last day the trends count: the report month's last day, or today. */
	const trendCut = Math.min(range.toMs - 1, now);

	let done = 0;
	const total = 10;
	const step = <T>(name: string, p: Promise<T>): Promise<T> =>
		p.then((v) => {
			opts.onStep?.(++done, total, name);
			return v;
		});
	const [current, previousMonth, sameMonthLastYear, byChannel, heat, written, yearly, monthly, ewt, forecast, centre] = await Promise.all([
		step('month', periodStats(db, range, calls, tz)),
		step('previous month', periodStats(db, monthRange(addMonths(month, -1), tz), calls, tz)),
		step('a year before', periodStats(db, monthRange(addMonths(month, -12), tz), calls, tz)),
		// Each channel, and (for the whole centre's report) every channel together for the volume
		// table's total row: the report's own total is the calls' alone.
		step(
			'channels',
			Promise.all([...channels, ...(filter.channel ? [] : [null])].map((channel) => periodStats(db, range, { ...filter, channel }, tz)))
		),
		step('heat map', weekdayHourGrid(db, range, calls, tz)),
		step('callbacks and e-inquiries', writtenWork(db, range, filter.topic, calendar, config.eInquiryDeadlineWorkingDays, now)),
		// Both cut at the end of the report's month (or now, for the month in progress): a
		// September report's year and months hold nothing of October. The cut's period is marked partial.
		step('yearly trend', yearlyOffered(db, trendFilter, tz, trendCut)),
		step('monthly trend', monthlyOffered(db, trendFilter, tz, trendCut, 13)),
		step('estimated-wait accuracy', ewtAccuracy(db, range, { topic: filter.topic, channel: calls.channel }, tz)),
		// Only quarter hours that have ended are scored (the month in progress: up to now).
		step('forecast accuracy', forecastAccuracy(db, range.fromMs, Math.min(range.toMs, Math.floor(now / 900_000) * 900_000))),
		// A site's share of the load is of the whole centre's answered calls, not of its own.
		filter.site ? periodStats(db, range, { ...calls, site: null }, tz) : null
	]);

	const topicIds = ordered(config.topics.map((t) => t.id), Object.keys(current.byTopic));
	const siteIds = ordered(config.sites.map((s) => s.id), Object.keys(current.bySite));
	const names = {
		topics: Object.fromEntries(config.topics.map((t) => [t.id, { lt: t.name.lt, en: t.name.en }])),
		sites: Object.fromEntries(config.sites.map((s) => [s.id, s.name]))
	};
	const topicLabel = (id: string): Bilingual => names.topics[id] ?? (id === '' ? T.unknown : { lt: id, en: id });
	const siteLabel = (id: string): string => names.sites[id] ?? id;
	const shownTopics = filter.topic ? topicIds.filter((t) => t === filter.topic) : topicIds;
	const shownSites = filter.site ? siteIds.filter((s) => s === filter.site) : siteIds;

	// Any channel's traffic makes the month not empty (a month of e-mail only still has a report).
	const traffic =
		byChannel.slice(0, channels.length).reduce((n, c) => n + (c.total.offered ?? c.total.answered ?? 0), 0) + written.callback.total.total + written.einquiry.total.total;
	const empty = traffic === 0;
	const inProgress = range.toMs > now;

	const all = (centre ?? current).total.answered ?? 0;
	const siteLoad: SiteLoadPoint[] = shownSites.map((site) => {
		const m = current.bySite[site];
		const answered = m?.answered ?? 0;
		return { site, answered, share: all > 0 ? answered / all : null, ahtS: m?.aht_s ?? null };
	});
	const comparedMetrics = [...COUNT_METRICS, ...RATE_METRICS, ...TIME_METRICS];
	const comparison: ComparisonPoint[] = comparedMetrics.map((metric) => ({
		metric,
		current: current.total[metric],
		previousMonth: previousMonth.total[metric],
		sameMonthLastYear: sameMonthLastYear.total[metric]
	}));
	const charts: ReportCharts = {
		yearly,
		monthly,
		heatMap: heat,
		aht: shownTopics.map((topic) => {
			const m = current.byTopic[topic];
			return { topic, answered: m?.answered ?? 0, ahtS: m?.aht_s ?? null, talkS: m?.talk_s ?? null, holdS: m?.hold_s ?? null, wrapS: m?.wrap_s ?? null };
		}),
		siteLoad,
		comparison
	};

	const section = (key: SectionKey, tables: ReportTable[], note?: Bilingual): ReportSection =>
		note ? { key, ...SECTION_TITLES[key], tables, note } : { key, ...SECTION_TITLES[key], tables };
	const emptyMetrics = (): PeriodMetrics => Object.fromEntries(PERIOD_METRICS.map((m) => [m, null])) as PeriodMetrics;
	const topicRows = (metrics: readonly PeriodMetric[]) => [
		...shownTopics.map((t) => metricRow('topic', topicLabel(t), current.byTopic[t] ?? emptyMetrics(), metrics)),
		metricRow('topic', T.total, current.total, metrics)
	];

	const holidays = holidaysIn(month, calendar);
	const workingDays = calendar.workingDaysBetween(addCalendarDays(range.fromDate, -1), range.toDate);
	const sections: ReportSection[] = [
		section(
			'summary',
			[
				table(
					'period',
					T.period,
					[col('from', T.from, 'date'), col('to', T.to, 'date'), col('working_days', T.workingDays, 'int'), col('holidays', T.holidays, 'text'), col('filter', T.filter, 'text')],
					[{ from: range.fromDate, to: range.toDate, working_days: workingDays, holidays: holidays.join(', '), filter: filterLabel(filter, topicLabel, siteLabel) }]
				),
				table('totals', T.totals, [col('label', T.metric, 'text'), ...PERIOD_METRICS.map(metricColumn)], [metricRow('label', T.total, current.total, PERIOD_METRICS)])
			],
			empty ? NOTES.empty : joinNotes(inProgress ? NOTES.inProgress : null, filter.channel ? null : CHANNEL_SCOPE_NOTE)
		),
		section('volumes', [
			table(
				'by_channel',
				T.byChannel,
				[col('channel', T.channel, 'text'), ...VOLUME_METRICS.map(metricColumn)],
				[
					...channels.map((c, i) => metricRow('channel', CHANNEL_NAMES[c] ?? { lt: c, en: c }, byChannel[i]!.total, VOLUME_METRICS)),
					metricRow('channel', T.total, (byChannel[channels.length] ?? current).total, VOLUME_METRICS)
				],
				filter.channel ? undefined : NOTES.channelTotal
			),
			table('by_topic', T.byTopic, [col('topic', T.topic, 'text'), ...VOLUME_METRICS.map(metricColumn)], topicRows(VOLUME_METRICS)),
			table(
				'by_site',
				T.bySite,
				[col('site', T.site, 'text'), ...SITE_METRICS.map(metricColumn)],
				shownSites.map((s) => metricRow('site', siteLabel(s), current.bySite[s] ?? emptyMetrics(), SITE_METRICS)),
				siteScopeNote
			)
		]),
		section('service_level', [
			table(
				'by_topic',
				T.byTopic,
				[col('topic', T.topic, 'text'), metricColumn('offered'), metricColumn('short_abandoned'), metricColumn('service_level'), col('target_s', T.slTarget, 'int'), col('goal', T.slGoal, 'pct'), col('met', T.slMet, 'text')],
				[
					...shownTopics.map((t) => {
						const m = current.byTopic[t] ?? emptyMetrics();
						const cfg = config.topics.find((x) => x.id === t);
						const met = cfg && m.service_level !== null ? (m.service_level >= cfg.serviceLevelGoal ? T.yes : T.no) : null;
						return { topic: topicLabel(t), offered: m.offered, short_abandoned: m.short_abandoned, service_level: m.service_level, target_s: cfg?.serviceLevelTargetSeconds ?? null, goal: cfg?.serviceLevelGoal ?? null, met };
					}),
					{ topic: T.total, offered: current.total.offered, short_abandoned: current.total.short_abandoned, service_level: current.total.service_level, target_s: null, goal: null, met: null }
				]
			)
		]),
		section('handle_time', [table('by_topic', T.byTopic, [col('topic', T.topic, 'text'), ...AHT_METRICS.map(metricColumn)], topicRows(AHT_METRICS))]),
		section('heat_map', heatTables(heat, !!filter.site, shownHours(heat, config)), filter.site ? NOTES.heatMapSite : undefined),
		section('site_load', [
			table(
				'by_site',
				T.bySite,
				[col('site', T.site, 'text'), metricColumn('answered'), col('share', T.share, 'pct'), metricColumn('aht_s')],
				siteLoad.map((s) => ({ site: siteLabel(s.site), answered: s.answered, share: s.share, aht_s: s.ahtS }))
			)
		]),
		section('callbacks', [deadlineTable(written.callback, { total: T.requested, overdue: T.callbackOverdue, pending: T.callbackPending, pct: T.callbackPct, mean: T.callbackMean }, shownTopics, topicLabel)], filter.site || filter.channel ? NOTES.writtenFilter : undefined),
		section('e_inquiries', [deadlineTable(written.einquiry, { total: T.received, overdue: T.einquiryOverdue, pending: T.einquiryPending, pct: T.einquiryPct, mean: T.einquiryMean }, shownTopics, topicLabel)], filter.site || filter.channel ? NOTES.writtenFilter : undefined),
		ewtSection(ewt, topicLabel),
		forecastSection(
			forecast.filter((r) => (!filter.topic || r.topic === filter.topic) && (!filter.channel || r.channel === filter.channel)),
			topicLabel
		),
		section('comparison', [
			comparisonTable('counts', T.counts, COUNT_METRICS, 'int', current, previousMonth, sameMonthLastYear),
			comparisonTable('rates', T.rates, RATE_METRICS, 'pct', current, previousMonth, sameMonthLastYear),
			comparisonTable('times', T.times, TIME_METRICS, 'seconds', current, previousMonth, sameMonthLastYear)
		]),
		section('yearly_trend', [
			// A year or month counted only in part says so in its own column, in every export.
			table(
				'yearly',
				T.yearly,
				[col('year', T.year, 'text'), col('offered', METRIC_NAMES.offered, 'int'), col('covers', T.covers, 'text')],
				charts.yearly.map((y) => ({ year: String(y.year), offered: y.offered, covers: coverage(y.partial, WHOLE_YEAR) }))
			),
			table(
				'monthly',
				T.monthly,
				[col('month', T.month, 'month'), col('offered', METRIC_NAMES.offered, 'int'), col('year_before', T.yearBefore, 'int'), col('yoy', T.yoy, 'change'), col('covers', T.covers, 'text')],
				monthly.map((p) => ({ month: p.month, offered: p.offered, year_before: p.offeredYearBefore, yoy: p.yoy, covers: coverage(p.partial, WHOLE_MONTH) })),
				monthly.some((p) => p.partial) ? NOTES.partialMonth : undefined
			)
		])
	];

	return {
		schemaVersion: 1,
		month,
		filter,
		timeZone: tz,
		period: { fromDate: range.fromDate, toDate: range.toDate, fromMs: range.fromMs, toMs: range.toMs },
		generatedAt: new Date(now).toISOString(),
		empty,
		inProgress,
		definitions: reportDefinitions(config),
		names,
		sections,
		charts,
		stats: { month: current, previousMonth, sameMonthLastYear },
		stored: null
	};
}

const siteScopeNote: Bilingual = {
	lt: 'Pagal padalinį – tik atsiliepti skambučiai: gauti, atsisakymai ir visų skambinusiųjų laukimo trukmė priklauso temų eilėms.',
	en: 'Per site: answered calls only; offered, abandons and the waits of all callers belong to the topic queues.'
};

/** Configured ids first, in their order, then any the data has that the configuration lacks. */
const ordered = (known: string[], seen: string[]) => [...known, ...seen.filter((x) => !known.includes(x)).sort()];

function holidaysIn(month: string, calendar: WorkingCalendar): string[] {
	const year = Number(month.slice(0, 4));
	return lithuanianHolidays(year)
		.filter((h) => h.date.startsWith(month) && calendar.isHoliday(h.date))
		.map((h) => `${h.date} ${h.name}`);
}

/** The selection as the report's summary says it: "Pensijos, Skambučiai" or "visas centras" (as the /reports page's list). */
function filterLabel(f: StatsFilter, topic: (id: string) => Bilingual, site: (id: string) => string): Bilingual {
	const text = (lang: 'lt' | 'en') => filterText(f, lang, { topic: (id) => topic(id)[lang], site });
	return { lt: text('lt'), en: text('en') };
}

/**
 * The heat map's hours: from the earliest opening to the latest closing of the week, widened to
 * any hour that had contacts (nothing is hidden); not eight columns of night-time zeros.
 */
function shownHours(cells: HeatCell[], config: Config): number[] {
	const days = Object.values(config.openingHours).filter((h): h is { open: string; close: string } => !!h);
	const busy = cells.filter((c) => (c.offered ?? 0) > 0).map((c) => c.hour);
	const first = Math.min(...days.map((h) => Number(h.open.slice(0, 2))), ...busy);
	const last = Math.max(...days.map((h) => Number(h.close.slice(0, 2)) - (h.close.endsWith(':00') ? 1 : 0)), ...busy);
	if (!Number.isFinite(first) || !Number.isFinite(last)) return Array.from({ length: 24 }, (_, h) => h);
	return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function heatTables(cells: HeatCell[], siteOnly: boolean, hours: number[]): ReportTable[] {
	const hourCols = (format: 'int' | 'seconds') => hours.map((h) => col(`h${String(h).padStart(2, '0')}`, { lt: `${String(h).padStart(2, '0')}:00`, en: `${String(h).padStart(2, '0')}:00` }, format));
	const grid = (pick: (c: HeatCell) => number | null): ReportRow[] =>
		WEEKDAYS.map((wd, i) => {
			const row: ReportRow = { weekday: wd };
			for (const c of cells.filter((x) => x.weekday === i + 1)) row[`h${String(c.hour).padStart(2, '0')}`] = pick(c);
			return row;
		});
	return [
		table('calls', siteOnly ? T.heatAnswered : T.heatCalls, [col('weekday', T.weekday, 'text'), ...hourCols('int')], grid((c) => c.offered)),
		table('wait', siteOnly ? T.heatAsa : T.heatWait, [col('weekday', T.weekday, 'text'), ...hourCols('seconds')], grid((c) => c.avgWaitS))
	];
}

/** `titles`: the columns' words for this kind of work (a callback is made, an e-inquiry answered). */
type DeadlineTitles = Record<'total' | 'overdue' | 'pending' | 'pct' | 'mean', Bilingual>;

function deadlineTable(w: WrittenWork['callback'], titles: DeadlineTitles, topics: string[], topicLabel: (id: string) => Bilingual): ReportTable {
	const row = (label: Bilingual, c: DeadlineCounts): ReportRow => ({
		topic: label,
		total: c.total,
		on_time: c.onTime,
		late: c.late,
		overdue: c.overdue,
		pending: c.pending,
		on_time_share: c.onTimeShare,
		mean_to_answer: c.meanToAnswer
	});
	const extra = Object.keys(w.byTopic).filter((t) => !topics.includes(t)).sort();
	const none: DeadlineCounts = { total: 0, onTime: 0, late: 0, overdue: 0, pending: 0, onTimeShare: null, meanToAnswer: null };
	return table(
		'by_topic',
		T.byTopic,
		[
			col('topic', T.topic, 'text'),
			col('total', titles.total, 'int'),
			col('on_time', T.onTime, 'int'),
			col('late', T.late, 'int'),
			col('overdue', titles.overdue, 'int'),
			col('pending', titles.pending, 'int'),
			col('on_time_share', titles.pct, 'pct'),
			col('mean_to_answer', titles.mean, 'decimal')
		],
		[...[...topics, ...extra].map((t) => row(topicLabel(t), w.byTopic[t] ?? none)), row(T.total, w.total)]
	);
}

function comparisonTable(
	key: string,
	title: Bilingual,
	metrics: PeriodMetric[],
	format: 'int' | 'pct' | 'seconds',
	cur: PeriodStats,
	prev: PeriodStats,
	year: PeriodStats
): ReportTable {
	// Rates change by percentage points (0.80 → 0.85 is +5 points), counts and times by percent.
	const rate = format === 'pct';
	const change = (a: number | null, b: number | null): number | null => {
		if (a === null || b === null) return null;
		if (rate) return (a - b) * 100;
		return b > 0 ? (a - b) / b : null;
	};
	return table(
		key,
		title,
		[
			col('metric', T.metric, 'text'),
			col('current', T.current, format),
			col('previous_month', T.previousMonth, format),
			col('change_previous', rate ? T.changePrevPp : T.changePrev, rate ? 'decimal' : 'change'),
			col('same_month_last_year', T.sameMonthLastYear, format),
			col('change_year', rate ? T.changeYearPp : T.changeYear, rate ? 'decimal' : 'change')
		],
		metrics.map((m) => ({
			metric: METRIC_NAMES[m],
			current: cur.total[m],
			previous_month: prev.total[m],
			change_previous: change(cur.total[m], prev.total[m]),
			same_month_last_year: year.total[m],
			change_year: change(cur.total[m], year.total[m])
		}))
	);
}

function ewtSection(rows: EwtAccuracyRow[], topicLabel: (id: string) => Bilingual): ReportSection {
	const base = { key: 'ewt_accuracy' as const, ...SECTION_TITLES.ewt_accuracy };
	if (rows.length === 0) return { ...base, tables: [], note: NOTES.noEwt };
	const columns = [
		col('topic', T.topic, 'text'),
		col('method', T.method, 'text'),
		col('n', T.estimates, 'int'),
		col('rmse_s', T.rmse, 'seconds'),
		col('bias_s', T.bias, 'seconds'),
		col('mae_s', T.mae, 'seconds'),
		col('within_30s', T.within30s, 'pct'),
		col('within_20pct', T.within20pct, 'pct'),
		col('relative_squared_error', T.rse, 'decimal')
	];
	const toRow = (r: EwtAccuracyRow): ReportRow => ({
		topic: r.topic === null ? T.total : topicLabel(r.topic),
		method: ewtMethodName(r.method),
		n: r.n,
		rmse_s: r.n > 0 ? r.rmseS : null,
		bias_s: r.n > 0 ? r.biasS : null,
		mae_s: r.n > 0 ? r.maeS : null,
		within_30s: r.n > 0 ? r.within30s : null,
		within_20pct: r.n > 0 ? r.within20pct : null,
		relative_squared_error: r.n > 0 ? r.relativeSquaredError : null
	});
	const allHours = rows.filter((r) => r.hour === null);
	return {
		...base,
		tables: [
			table('by_method', { lt: 'Pagal metodą', en: 'By method' }, columns, allHours.filter((r) => r.topic === null).map(toRow)),
			table('by_topic', T.byTopic, columns, allHours.filter((r) => r.topic !== null).map(toRow))
		]
	};
}

const HORIZONS: Record<string, Bilingual> = { day: T.dayAhead, '1h': T.hourAhead };

/** The stored forecasts scored per topic, channel and horizon (forecast/accuracy.ts, as the dashboard's panel). */
function forecastSection(rows: AccuracyRow[], topicLabel: (id: string) => Bilingual): ReportSection {
	const base = { key: 'forecast_accuracy' as const, ...SECTION_TITLES.forecast_accuracy };
	if (rows.length === 0) return { ...base, tables: [], note: NOTES.noForecast };
	return {
		...base,
		tables: [
			table(
				'by_topic',
				T.byTopic,
				[col('topic', T.topic, 'text'), col('channel', T.channel, 'text'), col('horizon', T.horizon, 'text'), col('intervals', T.intervals, 'int'), col('mape', T.mape, 'pct'), col('bias', T.forecastBias, 'change')],
				rows.map((r) => ({
					topic: topicLabel(r.topic),
					channel: CHANNEL_NAMES[r.channel] ?? { lt: r.channel, en: r.channel },
					horizon: HORIZONS[r.horizon] ?? { lt: r.horizon, en: r.horizon },
					intervals: r.intervals,
					mape: r.intervals > 0 ? r.mape : null,
					bias: r.bias
				}))
			)
		]
	};
}

/** Notes that apply together, as one. */
function joinNotes(...notes: (Bilingual | null)[]): Bilingual | undefined {
	const given = notes.filter((n): n is Bilingual => n !== null);
	if (given.length === 0) return undefined;
	return { lt: given.map((n) => n.lt).join(' '), en: given.map((n) => n.en).join(' ') };
}
