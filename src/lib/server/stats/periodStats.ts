/**
 * GET /api/stats: period metrics overall, per topic and per site, from the 15-minute
 * rollup (never from raw rows), computed by the one definition in $lib/metrics.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';
import { answeredOnly, computePeriodMetrics, emptySums, type PeriodMetrics, type PeriodSums } from '../../metrics/definitions.ts';
import type { UtcRange } from './periodRange.ts';
import { isWrittenChannel } from '../../metrics/units.ts';
import { readOpenWork } from '../written/openWork.ts';

export type StatsFilter = { topic: string | null; site: string | null; channel: string | null };

export type PeriodStats = {
	from: string;
	to: string;
	timeZone: string;
	filter: StatsFilter;
	total: PeriodMetrics;
	byTopic: Record<string, PeriodMetrics>;
	/** By the site of the consultant who answered: answered-call figures only (see answeredOnly). */
	bySite: Record<string, PeriodMetrics>;
};

type Row = PeriodSums & { topic_key: string; site_key: string; all_topics: number; all_sites: number };

const pickSums = (r: Row): PeriodSums => ({
	offered: r.offered,
	answered: r.answered,
	abandoned: r.abandoned,
	short_abandoned: r.short_abandoned,
	answered_in_sl: r.answered_in_sl,
	wait_answered_ms: r.wait_answered_ms,
	wait_all_ms: r.wait_all_ms,
	talk_ms: r.talk_ms,
	hold_ms: r.hold_ms,
	wrap_ms: r.wrap_ms,
	max_wait_ms: r.max_wait_ms
});

export async function periodStats(
	db: ClickHouseClient,
	range: UtcRange,
	filter: StatsFilter,
	timeZone: string
): Promise<PeriodStats> {
	const rows = await queryRows<Row>(db, 'stats/period_sums', {
		from: Math.floor(range.fromMs / 1000),
		to: Math.floor(range.toMs / 1000),
		topic: filter.topic ?? '',
		site: filter.site ?? '',
		channel: filter.channel ?? ''
	});
	// Written work still open is offered too (one definition: DEFINITIONS.offered), for the
	// written channels and for all channels together; a site has none (only answered work has one).
	const open = filter.site || !(filter.channel === null || filter.channel === '' || isWrittenChannel(filter.channel)) ? [] : await openWritten(db, range, filter, timeZone);
	const openByTopic = new Map<string, number>();
	for (const o of open) openByTopic.set(o.topic, (openByTopic.get(o.topic) ?? 0) + Number(o.open));
	const openTotal = [...openByTopic.values()].reduce((a, b) => a + b, 0);
	/** Offered plus the open work; rates and waits stay those of the finished contacts. */
	const withOpen = (m: PeriodMetrics, n: number): PeriodMetrics => (n > 0 && m.offered !== null ? { ...m, offered: m.offered + n } : m);
	const total = rows.find((r) => r.all_topics && r.all_sites);
	const byTopic: Record<string, PeriodMetrics> = {};
	const bySite: Record<string, PeriodMetrics> = {};
	// Filtered to one site, every figure is that site's answered calls only: the total and each
	// topic's alike (a topic's offered or service level at one site would be its answered calls').
	const siteScope = filter.site ? answeredOnly : (m: PeriodMetrics) => m;
	// A written channel is judged against its deadline in working days (writtenDeadlines.ts),
	// never against the rollup's seconds target, which was made for calls.
	const scope = isWrittenChannel(filter.channel) ? (m: PeriodMetrics) => ({ ...siteScope(m), service_level: null }) : siteScope;
	for (const r of rows) {
		if (!r.all_topics && r.all_sites) byTopic[r.topic_key] = withOpen(scope(computePeriodMetrics(pickSums(r))), openByTopic.get(r.topic_key) ?? 0);
		if (r.all_topics && !r.all_sites && r.site_key !== '') bySite[r.site_key] = answeredOnly(computePeriodMetrics(pickSums(r)));
	}
	const totalMetrics = computePeriodMetrics(total ? pickSums(total) : emptySums());
	// A topic with only open work has no rollup row yet.
	for (const [topic, n] of openByTopic) if (!byTopic[topic]) byTopic[topic] = withOpen(scope(computePeriodMetrics(emptySums())), n);
	return {
		from: range.fromDate,
		to: range.toDate,
		timeZone,
		filter,
		total: withOpen(scope(totalMetrics), openTotal),
		byTopic,
		bySite
	};
}

/** Callbacks and e-inquiries that arrived in the range and are still open, per topic (written/openWork.ts' rule). */
async function openWritten(db: ClickHouseClient, range: UtcRange, filter: StatsFilter, timeZone: string) {
	const rows = await readOpenWork(db, {
		fromMs: range.fromMs,
		toMs: range.toMs,
		timeZone,
		topic: filter.topic,
		kind: isWrittenChannel(filter.channel) ? filter.channel : null
	});
	// E-mails are not yet in offered's written channels (metrics/units.ts' WRITTEN_CHANNELS), nor in the report's tables.
	return rows.filter((r) => isWrittenChannel(r.kind));
}
