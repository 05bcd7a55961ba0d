/**
 * The value of each alert figure in a tick's state: the same numbers the screens show (the
 * board's queue per topic, service level today, consultants, the written queues of LiveState.now).
 */
import type { LiveState } from '../../live/protocol.ts';
import type { Consultant } from '../../live/consultants.ts';
import type { LiveNowBlock } from '../../live/now.ts';
import type { AlertFigure } from '../../live/alerts.ts';

export type Snapshot = { state: LiveState; consultants: Consultant[] | null; now: LiveNowBlock | null; at: number };

/** null: the figure cannot be read now (nothing to judge, e.g. service level before any call). */
export function figureValue(s: Snapshot, figure: AlertFigure, scope: string): number | null {
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
	}
}
