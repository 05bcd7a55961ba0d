/**
 * One consultant as the supervisor's live list shows them (LiveState.consultants). Sent only to
 * screens that may see consultants' names: supervisors and admins (a site leader: his site's
 * consultants only), never to wallboards unless `consultants.namesOnWallboards` is set. The
 * fund is a public body under the GDPR: who took a break and for how long is personal data,
 * shown to those who supervise the person and to nobody in the room.
 */
export const CONSULTANT_STATES = ['available', 'on_call', 'wrap_up', 'not_ready', 'logged_in', 'logged_out'] as const;
export type ConsultantState = (typeof CONSULTANT_STATES)[number];

export type Consultant = {
	/** The consultant's id as the sources name them (after agentAliases): the name shown. */
	agent: string;
	site: string;
	state: ConsultantState | string;
	/** Why not ready (break, lunch, training…); '' otherwise or when the source gives none. */
	reason: string;
	/** Since when the current state (and reason) holds, epoch ms; screens tick from it. */
	since: number;
	/** The topics the consultant serves. */
	topics: string[];
	/** The topic of the call being served (on a call or in its after-call work); '' if none or unknown. */
	callTopic: string;
	/** Calls answered today (voice, contacts finished today). */
	handledToday: number;
	/** Average handling time of those calls (talk + hold + after-call work), seconds; null without calls. */
	ahtS: number | null;
	/** Today: time on calls and in after-call work ÷ (that + time available), 0..1; null before any. */
	occupancy: number | null;
	/**
	 * Past the configured limit: 'long_call' (on a call or in after-call work longer than
	 * consultants.longCallMinutes), 'long_not_ready' (not ready longer than
	 * consultants.longNotReadyMinutes), else null. Screens show it in colour and words.
	 */
	flag: 'long_call' | 'long_not_ready' | null;
};

/**
 * A consultant on the live socket: the fields of Consultant as one array, in this order. A
 * supervisor's frame is nearly all consultants (300: 60 kB as objects, under half as arrays),
 * sent every second to every supervisor screen; GET /api/live keeps the objects.
 */
export type ConsultantOnWire = [
	agent: string,
	site: string,
	state: string,
	reason: string,
	since: number,
	topics: string[],
	callTopic: string,
	handledToday: number,
	ahtS: number | null,
	occupancy: number | null,
	flag: Consultant['flag']
];

export function consultantToWire(c: Consultant): ConsultantOnWire {
	return [c.agent, c.site, c.state, c.reason, c.since, c.topics, c.callTopic, c.handledToday, c.ahtS, c.occupancy, c.flag];
}

export function consultantFromWire(w: ConsultantOnWire): Consultant {
	const [agent, site, state, reason, since, topics, callTopic, handledToday, ahtS, occupancy, flag] = w;
	return { agent, site, state, reason, since, topics, callTopic, handledToday, ahtS, occupancy, flag };
}
