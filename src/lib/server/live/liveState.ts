/**
 * Reads the centre's live state: a fixed set of queries per call, whatever the number of
 * screens (consultants now, today from the rollup, rolling 15/60 minutes, open written work,
 * and the queue now unless the EWT service's queues are given), each through `part` (the hub's
 * reuses what no new data has changed, parts.ts). Views per site are derived from it in memory.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import { queryRows } from '../clickhouse/sql.ts';
import { WorkingCalendar } from '../calendar/workingDays.ts';
import { answeredOnly, computePeriodMetrics, emptySums, type PeriodSums } from '../../metrics/definitions.ts';
import { localDateRange } from '../stats/periodRange.ts';
import { periodStats } from '../stats/periodStats.ts';
import type { Backlogs, LiveSite, LiveState, LiveTopic, PeriodBlock } from '../../live/protocol.ts';
import { staffByTopic, type AgentRow } from './agents.ts';
import { agentsOf, readConsultantRows } from './consultants.ts';
import { centreRule } from '../ewt/estimators.ts';
import type { StaffNow } from '../ewt/topicWindow.ts';
import { WAIT_HORIZON_MS } from '../ewt/queueFeed.ts';
import { ageWorkingDays, judgeOpen, readOpenWorkNow, type OpenItems } from '../written/openWork.ts';
import { OPEN_WORK_TABLES, readEveryPart, type PartReader } from './parts.ts';

/** A topic's phone queue now: callers waiting and since when the longest has waited (epoch ms). */
export type QueueNow = { waiting: number; oldestQueuedAt: number | null };
type QueueRow = { topic: string; waiting: number; oldest_ms: number };

/** Callers waiting longer than this are not "waiting" any more: a lost exit event, a PBX restart. */
const QUEUE_HORIZON_MS = WAIT_HORIZON_MS;
/** Consultant states older than this are ignored (a logged-in agent reports at least daily). */
const AGENT_HORIZON_MS = 24 * 3600_000;

type RollingRow = PeriodSums & { win: number; topic_key: string; site_key: string; all_topics: number; all_sites: number };

export async function readLiveState(
	db: ClickHouseClient,
	config: Config,
	now = Date.now(),
	announcedWait: ((topic: string) => number | null | undefined) | null = null,
	queueNow: ((topic: string) => QueueNow) | null = null,
	part: PartReader = readEveryPart
): Promise<LiveState> {
	const calendar = new WorkingCalendar(config);
	const today = localDateRange(null, null, config.timeZone, now);
	const [queueRows, agents, todayStats, rolling, backlog] = await Promise.all([
		// Who is waiting has one answer: the EWT service's queues (queueFeed.ts), the ones the IVR's
		// estimate counts; the same rule read from the stored events only where no service runs yet.
		queueNow ? Promise.resolve(null) : queryRows<QueueRow>(db, 'live/queue_now', { since: now - QUEUE_HORIZON_MS }),
		// The consultants' part, which the supervisor's list reads in the same tick; agents_now alone if it fails.
		readConsultantRows(db, config, now, part).then(agentsOf, (e: Error) => {
			console.error(`live: reading the consultants failed, counting them by state instead: ${e.message}`);
			return part('live/agents_now', ['agent_events'], () => queryRows<AgentRow>(db, 'live/agents_now', { since: now - AGENT_HORIZON_MS, now }));
		}),
		part(`today ${today.fromDate}`, ['contacts'], () => periodStats(db, today, { topic: null, site: null, channel: 'voice' }, config.timeZone)),
		part('live/rolling_sums', ['contacts'], () => queryRows<RollingRow>(db, 'live/rolling_sums', { from15: now - 15 * 60_000, from60: now - 60 * 60_000 })),
		part('written/open', OPEN_WORK_TABLES, () => readOpenWorkNow(db, config.timeZone, now))
	]);
	const staff = staffByTopic(agents);
	const queue = (topic: string): QueueNow => {
		if (queueNow) return queueNow(topic);
		const q = queueRows!.find((r) => r.topic === topic);
		return q ? { waiting: Number(q.waiting), oldestQueuedAt: Number(q.oldest_ms) } : { waiting: 0, oldestQueuedAt: null };
	};
	const topics = config.topics.map((t) => {
		const topic = topicNow(t.id, queue(t.id), staff, rollingAht(rolling, t.id) ?? todayStats.byTopic[t.id]?.aht_s ?? null);
		const announced = announcedWait?.(t.id);
		return announced === undefined ? topic : { ...topic, estimatedWaitS: announced };
	});
	const sites = sitesNow(config, agents, todayStats.bySite, todayStats.total.answered ?? 0);
	return {
		asOf: now,
		today: today.fromDate,
		timeZone: config.timeZone,
		site: null,
		topics,
		sites,
		periods: {
			today: { total: todayStats.total, byTopic: todayStats.byTopic, bySite: todayStats.bySite },
			last15m: rollingBlock(rolling, 15),
			last60m: rollingBlock(rolling, 60)
		},
		backlogs: backlogs(backlog, calendar, config, now)
	};
}

function topicNow(topic: string, q: QueueNow, staffNow: Map<string, StaffNow>, ahtS: number | null): LiveTopic {
	const staff = staffNow.get(topic) ?? { agentsServing: 0, agentsIdle: 0 };
	const waiting = q.waiting;
	return {
		topic,
		waiting,
		oldestQueuedAt: waiting > 0 ? q.oldestQueuedAt : null,
		estimatedWaitS: centreRuleEstimate(waiting, staff.agentsServing, staff.agentsIdle, ahtS),
		agentsAvailable: staff.agentsIdle,
		agentsServing: staff.agentsServing
	};
}

/**
 * The centre's current announcement rule (ewt/estimators.ts), used until the EWT service has
 * rebuilt its queues after a start, and where no service runs (tests of the state alone).
 * AHT is the topic's over the last hour, else today's; null (unknown, shown as "—") without
 * one or without consultants.
 */
function centreRuleEstimate(waiting: number, serving: number, idle: number, ahtS: number | null): number | null {
	const seconds = centreRule({ ahead: waiting, agentsServing: serving, agentsIdle: idle, ahtS, serviceRatePerS: null, abandonRatePerS: 0, oldestWaitS: null, lastAnsweredWaitS: null });
	return seconds === null ? null : Math.round(seconds);
}

function rollingAht(rows: RollingRow[], topic: string): number | null {
	const r = rows.find((r) => r.win === 60 && !r.all_topics && r.topic_key === topic);
	return r ? computePeriodMetrics(r).aht_s : null;
}

/**
 * Consultants per site, the configured sites first; consultants at a site the configuration
 * does not list (an agent not mapped to one: site "unknown") come after, so the centre's totals
 * (the wallboard sums the sites) count everyone the topics' "available" counts.
 */
function sitesNow(config: Config, agents: AgentRow[], bySite: Record<string, ReturnType<typeof computePeriodMetrics>>, answeredTotal: number): LiveSite[] {
	const configured = config.sites.map((s) => s.id);
	const others = [...new Set(agents.map((a) => a.site))].filter((id) => !configured.includes(id)).sort();
	return [...configured, ...others].map((site) => {
		const rows = agents.filter((a) => a.site === site);
		const n = (state: string) => rows.filter((r) => r.state === state).reduce((sum, r) => sum + r.agents, 0);
		const loggedIn = rows.reduce((sum, r) => sum + r.agents, 0);
		const notReadyReasons: Record<string, number> = {};
		for (const r of rows.filter((r) => r.state === 'not_ready')) notReadyReasons[r.reason || '—'] = (notReadyReasons[r.reason || '—'] ?? 0) + r.agents;
		const answeredToday = bySite[site]?.answered ?? 0;
		const busy = n('on_call') + n('wrap_up');
		return {
			site,
			loggedIn,
			available: n('available'),
			onCall: n('on_call'),
			wrapUp: n('wrap_up'),
			notReady: n('not_ready'),
			notReadyReasons,
			answeredToday,
			shareOfLoad: answeredTotal > 0 ? answeredToday / answeredTotal : null,
			occupancy: loggedIn > 0 ? busy / loggedIn : null
		};
	});
}

function rollingBlock(rows: RollingRow[], win: number): PeriodBlock {
	const block: PeriodBlock = { total: computePeriodMetrics(emptySums()), byTopic: {}, bySite: {} };
	for (const r of rows.filter((r) => r.win === win)) {
		const m = computePeriodMetrics(r);
		if (r.all_topics && r.all_sites) block.total = m;
		else if (!r.all_topics) block.byTopic[r.topic_key] = m;
		else if (r.site_key !== '') block.bySite[r.site_key] = answeredOnly(m);
	}
	return block;
}

/** Open callbacks and e-inquiries by deadline and age (written/openWork.ts' rule, as the report's); e-mails are in LiveState.now. */
export function backlogs(rows: OpenItems[], calendar: WorkingCalendar, config: Config, now: number): Backlogs {
	const today = calendar.localDate(now);
	const nextWorking = calendar.nextWorkingDay(today);
	const out: Backlogs = {
		callbacksWaiting: 0,
		callbacksDueNextWorkingDay: 0,
		callbacksOverdue: 0,
		eInquiriesByAge: [
			{ label: '0-5', count: 0 },
			{ label: '6-10', count: 0 },
			{ label: '11-15', count: 0 },
			{ label: '16-20', count: 0 },
			{ label: 'overdue', count: 0 }
		]
	};
	for (const r of rows) {
		const overdue = judgeOpen(calendar, r.kind, r.day, now, config.eInquiryDeadlineWorkingDays) === 'overdue';
		if (r.kind === 'callback') {
			out.callbacksWaiting += r.open;
			if (overdue) out.callbacksOverdue += r.open;
			else if (calendar.nextWorkingDay(r.day) <= nextWorking) out.callbacksDueNextWorkingDay += r.open;
		} else if (r.kind === 'einquiry') {
			const age = ageWorkingDays(calendar, r.day, now);
			const i = overdue ? 4 : Math.min(3, Math.floor(Math.max(0, age - 1) / 5));
			out.eInquiriesByAge[i]!.count += r.open;
		}
	}
	return out;
}

/** The view a site-limited screen gets: its own site's consultants and answered-call figures, the centre's queues. */
export function siteView(state: LiveState, site: string): LiveState {
	const only = <T>(rec: Record<string, T>) => (site in rec ? { [site]: rec[site]! } : {});
	// The topic queues are the centre's, served by every site: the site sees them whole.
	const block = (b: PeriodBlock): PeriodBlock => ({ total: b.bySite[site] ?? answeredOnly(computePeriodMetrics(emptySums())), byTopic: b.byTopic, bySite: only(b.bySite) });
	return {
		...state,
		site,
		sites: state.sites.filter((s) => s.site === site),
		periods: { today: block(state.periods.today), last15m: block(state.periods.last15m), last60m: block(state.periods.last60m) }
	};
}
