/**
 * Filtering and sorting the supervisor's list of consultants (Consultants.svelte), kept apart
 * from the component so the rules are tested on their own.
 */
import type { Consultant } from '$lib/live/consultants.ts';

export type ConsultantFilter = { site: string; state: string; topic: string };
export type SortKey = 'agent' | 'site' | 'state' | 'inState' | 'handled' | 'aht' | 'occupancy';

/** '' is "any". A topic matches a consultant serving it or on a call of it. */
export function filterConsultants(list: readonly Consultant[], f: ConsultantFilter): Consultant[] {
	return list.filter(
		(c) => (!f.site || c.site === f.site) && (!f.state || c.state === f.state) && (!f.topic || c.topics.includes(f.topic) || c.callTopic === f.topic)
	);
}

/** The order states are listed in: the ones a supervisor acts on first. */
const STATE_ORDER = ['not_ready', 'on_call', 'wrap_up', 'available', 'logged_in', 'logged_out'];

/**
 * The default order ('inState' descending) puts those past a limit first, then the longest in
 * their state: who needs a look now. Missing figures (null) sort last either way.
 */
export function sortConsultants(list: readonly Consultant[], key: SortKey, descending: boolean, now: number): Consultant[] {
	const value = (c: Consultant): string | number | null => {
		switch (key) {
			case 'agent':
				return c.agent.toLowerCase();
			case 'site':
				return c.site;
			case 'state': {
				const i = STATE_ORDER.indexOf(c.state);
				return i < 0 ? STATE_ORDER.length : i;
			}
			case 'inState':
				return now - c.since;
			case 'handled':
				return c.handledToday;
			case 'aht':
				return c.ahtS;
			case 'occupancy':
				return c.occupancy;
		}
	};
	const sign = descending ? -1 : 1;
	return [...list].sort((a, b) => {
		if (key === 'inState' && descending && (a.flag === null) !== (b.flag === null)) return a.flag === null ? 1 : -1;
		const va = value(a);
		const vb = value(b);
		if (va === null || vb === null) return va === vb ? a.agent.localeCompare(b.agent) : va === null ? 1 : -1;
		const c = va < vb ? -1 : va > vb ? 1 : 0;
		return c !== 0 ? c * sign : a.agent.localeCompare(b.agent);
	});
}
