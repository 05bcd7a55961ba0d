/**
 * Consultants now, as sql/queries/live/agents_now.sql reads them (each one's latest state,
 * counted by site, state, reason and topics), and the one reading of "consultants serving a
 * topic" that the live state and the estimated wait share.
 */
import type { StaffNow } from '../ewt/topicWindow.ts';

export type AgentRow = { site: string; state: string; reason: string; topics: string[]; agents: number };

/**
 * Per topic: consultants logged in who serve it, in any state but logged out (talking, wrap-up,
 * ready, on a break), and of those the ones ready for a call now.
 */
export function staffByTopic(rows: AgentRow[]): Map<string, StaffNow> {
	const staff = new Map<string, StaffNow>();
	for (const r of rows) {
		for (const topic of r.topics) {
			const s = staff.get(topic) ?? { agentsServing: 0, agentsIdle: 0 };
			s.agentsServing += Number(r.agents);
			if (r.state === 'available') s.agentsIdle += Number(r.agents);
			staff.set(topic, s);
		}
	}
	return staff;
}
