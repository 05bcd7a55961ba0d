/**
 * The value of each alert figure in a tick's state: the same numbers the screens show (the
 * board's queue per topic, service level today, consultants, the written queues of LiveState.now).
 */
import type { LiveState } from '../../live/protocol.ts';
import type { Consultant } from '../../live/consultants.ts';
import type { LiveNowBlock } from '../../live/now.ts';
import type { AlertFigure } from '../../live/alerts.ts';
import type { ForecastView } from '../forecast/service.ts';

export type Snapshot = {
	state: LiveState;
	consultants: Consultant[] | null;
	now: LiveNowBlock | null;
	at: number;
	/** The forecast's latest view (made every minute), for staffing_gap_ahead; null: none yet. */
	forecast?: ForecastView | null;
};

/** A forecast older than this judges nothing (the forecast has stopped): no alert from it. */
const FORECAST_STALE_MS = 15 * 60_000;
const DEFAULT_LOOK_AHEAD_MIN = 60;

/**
 * Consultants short in the quarter hours starting within `lookAheadMinutes` (the current one
 * included) where planned breaks leave fewer than needed: the lunch-overlap warning's rule
 * (forecast/breakWarnings.ts), as a number. 0: none short.
 */
function gapAhead(view: ForecastView, topics: string[], lookAheadMinutes: number): number {
	let worst = 0;
	for (const r of view.rest) {
		if (!topics.includes(r.topic)) continue;
		for (const i of r.intervals) {
			if ((i.slot - view.slot) * 15 >= lookAheadMinutes) continue;
			if (i.needed === null || i.onBreak < 0.05) continue;
			worst = Math.max(worst, i.needed - Math.floor(i.agents + 1e-9));
		}
	}
	return worst;
}

/** null: the figure cannot be read now (nothing to judge, e.g. service level before any call). */
export function figureValue(s: Snapshot, figure: AlertFigure, scope: string, lookAheadMinutes = DEFAULT_LOOK_AHEAD_MIN): number | null {
	const topics = scope === 'centre' ? s.state.topics : s.state.topics.filter((t) => t.topic === scope);
	if (topics.length === 0) return null;
	switch (figure) {
		case 'waiting':
			return topics.reduce((n, t) => n + t.waiting, 0);
		case 'longest_wait': {
			const oldest = topics.map((t) => t.oldestQueuedAt).filter((x): x is number => x !== null);
			return oldest.length ? Math.max(0, Math.floor((s.at - Math.min(...oldest)) / 1000)) : 0;
		}
		case 'service_level':
			return (scope === 'centre' ? s.state.periods.today.total.service_level : s.state.periods.today.byTopic[scope]?.service_level) ?? null;
		case 'available': {
			// A closed centre (nobody logged in, nobody waiting) is not short of anyone.
			const serving = topics.reduce((n, t) => n + t.agentsServing, 0);
			const waiting = topics.reduce((n, t) => n + t.waiting, 0);
			if (serving === 0 && waiting === 0) return null;
			return scope === 'centre' ? s.state.sites.reduce((n, x) => n + x.available, 0) : topics.reduce((n, t) => n + t.agentsAvailable, 0);
		}
		case 'long_not_ready':
			return s.consultants === null ? null : s.consultants.filter((c) => c.flag === 'long_not_ready').length;
		case 'callbacks_overdue':
			return s.now?.written.find((w) => w.kind === 'callback')?.overdue ?? null;
		case 'written_overdue':
			return s.now ? s.now.written.filter((w) => w.kind !== 'callback').reduce((n, w) => n + w.overdue, 0) : null;
		case 'written_at_risk':
			return s.now ? s.now.written.filter((w) => w.kind !== 'callback').reduce((n, w) => n + w.overdue + w.dueSoon, 0) : null;
		case 'staffing_gap_ahead': {
			const f = s.forecast;
			if (!f || s.at - Date.parse(f.asOf) > FORECAST_STALE_MS) return null;
			// Centre-wide: the worst topic (a consultant serves several: the topics' shortfalls do not add up).
			return gapAhead(f, topics.map((t) => t.topic), lookAheadMinutes);
		}
	}
}
