/**
 * GET /api/stats: period metrics overall, per topic and per site, from the 15-minute
 * rollup (never from raw rows), computed by the one definition in $lib/metrics.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';
import { answeredOnly, computePeriodMetrics, emptySums, type PeriodMetrics, type PeriodSums } from '../../metrics/definitions.ts';
import type { UtcRange } from './periodRange.ts';
import { isWrittenChannel } from '../../metrics/units.ts';

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
		if (!r.all_topics && r.all_sites) byTopic[r.topic_key] = scope(computePeriodMetrics(pickSums(r)));
		if (r.all_topics && !r.all_sites && r.site_key !== '') bySite[r.site_key] = answeredOnly(computePeriodMetrics(pickSums(r)));
	}
	const totalMetrics = computePeriodMetrics(total ? pickSums(total) : emptySums());
	return {
		from: range.fromDate,
		to: range.toDate,
		timeZone,
		filter,
		total: scope(totalMetrics),
		byTopic,
		bySite
	};
}
