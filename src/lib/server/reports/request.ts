/**
 * A report request as it enters over HTTP (/api/reports/YYYY-MM.ext, /reports?month=):
 * month, filters (checked by the same parser as every figures endpoint), language, fresh or an
 * older stored revision.
 * Anything wrong is a 400 with a sentence that says what to send instead.
 */
import type { Config } from '../config/schema.ts';
import type { Principal } from '../auth/principal.ts';
import type { StatsFilter } from '../stats/periodStats.ts';
import { parseFilters } from '../http/filters.ts';
import { jsonProblem } from '../http/json.ts';
import { MonthError, parseMonth } from './month.ts';

/** `revision`: a stored revision exactly as it was frozen (null: the month's report as served). */
export type ReportRequest = { month: string; filter: StatsFilter; lang: 'lt' | 'en'; fresh: boolean; revision: number | null };

const REVISION = /^[1-9][0-9]{0,5}$/;

export function parseReportRequest(month: string, q: URLSearchParams, config: Config, principal: Principal | null, defaultLang: 'lt' | 'en'): ReportRequest | Response {
	let m: string;
	try {
		m = parseMonth(month, config.timeZone);
	} catch (e) {
		if (e instanceof MonthError) return jsonProblem(400, e.message);
		throw e;
	}
	// The figures parser wants a date range; a report's range is its month.
	const f = parseFilters(new URLSearchParams([...q].filter(([k]) => k !== 'from' && k !== 'to')), config, principal);
	if (f instanceof Response) return f;
	const lang = q.get('lang');
	if (lang !== null && lang !== 'lt' && lang !== 'en') return jsonProblem(400, `lang must be lt or en, got "${lang}"`);
	const fresh = q.get('fresh') === '1';
	const revision = q.get('revision');
	if (revision !== null && !REVISION.test(revision)) return jsonProblem(400, `revision must be a stored revision's number (1, 2, …), got "${revision}"`);
	if (revision !== null && fresh) return jsonProblem(400, 'ask for fresh=1 (recompute now) or revision=N (as stored), not both');
	// A report without a channel is the whole centre's: its call figures are voice (buildReport),
	// its volumes by channel every channel. Only a chosen channel narrows it.
	const channel = q.get('channel') ? f.channel : null;
	return { month: m, filter: { topic: f.topic, site: f.site, channel }, lang: lang ?? defaultLang, fresh, revision: revision === null ? null : Number(revision) };
}
