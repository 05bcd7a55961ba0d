/**
 * The supervisor's list of consultants, one by one (sql/queries/live/consultants_now.sql): one
 * query per tick for the whole centre, whatever the number of screens. Site views and the
 * frames without names are cut from it in memory (hub.ts).
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import type { Principal } from '../auth/principal.ts';
import type { Consultant } from '../../live/consultants.ts';
import type { LiveState } from '../../live/protocol.ts';
import { queryRows } from '../clickhouse/sql.ts';
import { localDateOf, startOfLocalDay } from '../stats/periodRange.ts';
import { readEveryPart, type PartReader } from './parts.ts';
import type { AgentRow } from './agents.ts';

/** As live/agents_now: consultant states older than a day are ignored. */
const AGENT_HORIZON_MS = 24 * 3600_000;

export type ConsultantRow = {
	agent: string;
	site: string;
	state: string;
	reason: string;
	topics: string[];
	since_ms: number | string;
	busy_ms: number | string;
	idle_ms: number | string;
	call_topic: string;
	handled: number | string;
	handling_ms: number | string;
	/** Today's not-ready spells in order: when each began (epoch ms) and why. */
	spell_ms: (number | string)[];
	spell_reasons: string[];
};

/** Tables the consultants' part reads: states, the call being served (answered and not ended) and today's calls. */
const CONSULTANT_TABLES = ['agent_events', 'call_events:served', 'contacts'] as const;

/**
 * The consultants' rows as stored (one query, through the tick's `part`): the supervisor's list
 * and the boards' counts by state (agentsOf) read the same part, once a tick.
 */
export function readConsultantRows(db: ClickHouseClient, config: Config, now = Date.now(), part: PartReader = readEveryPart): Promise<ConsultantRow[]> {
	const dayStart = startOfLocalDay(localDateOf(now, config.timeZone), config.timeZone);
	return part('live/consultants_now', CONSULTANT_TABLES, () => queryRows<ConsultantRow>(db, 'live/consultants_now', { since: now - AGENT_HORIZON_MS, day_start: dayStart, now }));
}

export async function readConsultants(db: ClickHouseClient, config: Config, now = Date.now(), part: PartReader = readEveryPart): Promise<Consultant[]> {
	const rows = await readConsultantRows(db, config, now, part);
	// Time in state and the long-call flags are the clock's: from the rows, as of this tick.
	return rows.map((r) => toConsultant(r, config, now));
}

/**
 * Consultants logged in now, counted by site, state, reason and topics (live/agents_now's rows),
 * from the consultants' rows: the boards' counts and the supervisor's list are the same people.
 */
export function agentsOf(rows: readonly ConsultantRow[]): AgentRow[] {
	const out = new Map<string, AgentRow>();
	for (const r of rows) {
		if (r.state === 'logged_out') continue;
		const site = r.site || 'unknown';
		const key = JSON.stringify([site, r.state, r.reason, r.topics]);
		const row = out.get(key);
		if (row) row.agents++;
		else out.set(key, { site, state: r.state, reason: r.reason, topics: r.topics, agents: 1 });
	}
	return [...out.values()];
}

export function toConsultant(r: ConsultantRow, config: Config, now: number): Consultant {
	const handled = Number(r.handled);
	const busy = Number(r.busy_ms);
	const idle = Number(r.idle_ms);
	const since = Number(r.since_ms);
	const serving = r.state === 'on_call' || r.state === 'wrap_up';
	return {
		agent: r.agent,
		site: r.site || 'unknown',
		state: r.state,
		reason: r.state === 'not_ready' ? r.reason : '',
		since,
		topics: r.topics,
		callTopic: serving ? r.call_topic : '',
		handledToday: handled,
		ahtS: handled > 0 ? Math.round(Number(r.handling_ms) / handled / 1000) : null,
		occupancy: busy + idle > 0 ? busy / (busy + idle) : null,
		flag: flagOf(r.state, now - since, config)
	};
}

/** Past the configured limits: a call (with its after-call work) too long, a break too long. */
export function flagOf(state: string, inStateMs: number, config: Config): Consultant['flag'] {
	const { longCallMinutes, longNotReadyMinutes } = config.consultants;
	if ((state === 'on_call' || state === 'wrap_up') && inStateMs > longCallMinutes * 60_000) return 'long_call';
	if (state === 'not_ready' && inStateMs > longNotReadyMinutes * 60_000) return 'long_not_ready';
	return null;
}

/**
 * May this principal see consultants one by one (their names)? Supervisors and admins; a
 * wallboard only where the centre has chosen so (consultants.namesOnWallboards).
 */
export function maySeeConsultants(p: Principal | null, config: Config): boolean {
	if (!p) return false;
	if (p.role === 'admin' || p.role === 'supervisor') return true;
	return p.role === 'wallboard' && config.consultants.namesOnWallboards;
}

/** A view's state with the consultants its screen may see: its site's, or none. */
export function withConsultants(state: LiveState, consultants: Consultant[] | null, names: boolean): LiveState {
	if (!names || consultants === null) return state;
	return { ...state, consultants: state.site === null ? consultants : consultants.filter((c) => c.site === state.site) };
}
