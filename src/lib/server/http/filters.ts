/**
 * The filters every figures endpoint takes, parsed and checked in one place:
 * ?from=&to= (the centre's dates, inclusive, 2000-01-01 to 2099-12-31 (dateRange.ts); default today), &topic=, &site=, &channel= (voice when
 * absent, as every screen shows calls; "all" for every channel, which comes back as null).
 * A principal limited to one site always gets that site (the hook already refused others).
 * Returns a 400 Response for anything unknown, never a silently empty answer.
 */
import type { Config } from '../config/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { CHANNELS } from '../../../../ingest/types.ts';
import { localDateRange, type UtcRange } from '../stats/periodRange.ts';
import { CALL_CHANNEL } from '../../metrics/definitions.ts';
import { jsonProblem } from './json.ts';
import { dateRangeProblem } from './dateRange.ts';

export type Filters = { range: UtcRange; topic: string | null; site: string | null; channel: string | null };

export function parseFilters(q: URLSearchParams, config: Config, principal: Principal | null): Filters | Response {
	let range: UtcRange;
	try {
		range = localDateRange(q.get('from'), q.get('to'), config.timeZone);
	} catch (e) {
		return jsonProblem(400, (e as Error).message);
	}
	const outside = dateRangeProblem('from', range.fromDate) ?? dateRangeProblem('to', range.toDate);
	if (outside) return jsonProblem(400, outside);
	const topic = q.get('topic') || null;
	if (topic && !config.topics.some((t) => t.id === topic)) return jsonProblem(400, `unknown topic "${topic}"`);
	const site = principal?.site ?? (q.get('site') || null);
	if (site && !config.sites.some((s) => s.id === site)) return jsonProblem(400, `unknown site "${site}"`);
	const given = q.get('channel') || CALL_CHANNEL;
	const known: readonly string[] = [...CHANNELS, 'all'];
	if (!known.includes(given)) return jsonProblem(400, `unknown channel "${given}"; use one of ${known.join(', ')}`);
	return { range, topic, site, channel: given === 'all' ? null : given };
}
