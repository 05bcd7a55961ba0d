/**
 * What the live WebSocket (/live) and GET /api/live send. Shared by the server, the
 * wallboard and the dashboard. The server computes one LiveState per tick for the whole
 * centre and derives one view per site from it; every subscriber of a view gets the same
 * bytes.
 *
 * Messages (JSON text frames, server → client):
 *   { "type": "snapshot", "seq": N, "state": WireState }   once, on connect
 *   { "type": "update",   "seq": N, "state": WireState }   every tick (about once a second)
 * WireState is LiveState with its consultants as arrays (./consultants.ts ConsultantOnWire):
 * decodeState gives the LiveState back. GET /api/live sends LiveState itself.
 * `seq` grows by one per tick; a client that sees a gap simply takes the newer state.
 * A client that hears nothing for STALE_AFTER_MS shows its last values as stale and
 * reconnects with backoff; it never shows a false 0.
 */
import type { PeriodMetrics } from '../metrics/definitions.ts';
import { consultantFromWire, consultantToWire, type Consultant, type ConsultantOnWire } from './consultants.ts';
import type { LiveNowBlock } from './now.ts';
import type { ActiveAlert } from './alerts.ts';

export const STALE_AFTER_MS = 5_000;

/** Per topic, now (voice): the queue as callers experience it. */
export type LiveTopic = {
	topic: string;
	/** Callers waiting in the queue now. */
	waiting: number;
	/** When the longest-waiting caller entered the queue (epoch ms); null if nobody waits. Screens tick from it. */
	oldestQueuedAt: number | null;
	/** Estimated wait for a caller arriving now, seconds (the announced estimator); null if unknown. */
	estimatedWaitS: number | null;
	/** Logged-in consultants serving this topic who are available now. */
	agentsAvailable: number;
	/** Logged-in consultants serving this topic (any state but logged out). */
	agentsServing: number;
};

/** Per site, now: consultants by state, and today's share of the centre's answered calls. */
export type LiveSite = {
	site: string;
	loggedIn: number;
	available: number;
	onCall: number;
	wrapUp: number;
	notReady: number;
	/** not_ready consultants by reason ("break", "training", …). */
	notReadyReasons: Record<string, number>;
	answeredToday: number;
	/** answeredToday ÷ the centre's answered calls today, 0..1. */
	shareOfLoad: number | null;
	/** (on call + wrap-up) ÷ logged in, now, 0..1. */
	occupancy: number | null;
};

export type PeriodBlock = {
	total: PeriodMetrics;
	byTopic: Record<string, PeriodMetrics>;
	bySite: Record<string, PeriodMetrics>;
};

export type Backlogs = {
	/** Callback requests not yet called back. */
	callbacksWaiting: number;
	/** …of which due by the close of the next working day. */
	callbacksDueNextWorkingDay: number;
	/** Callbacks past their due time. */
	callbacksOverdue: number;
	/** Open e-inquiries by age in working days: [0–5], [6–10], [11–15], [16–20], over 20 (overdue). */
	eInquiriesByAge: { label: '0-5' | '6-10' | '11-15' | '16-20' | 'overdue'; count: number }[];
};

export type LiveState = {
	/** When the figures were read (epoch ms); screens show it as "as of". */
	asOf: number;
	/** The centre's date (YYYY-MM-DD, Europe/Vilnius) "today" refers to. */
	today: string;
	timeZone: string;
	/** Present when the view is limited to one site. */
	site: string | null;
	topics: LiveTopic[];
	sites: LiveSite[];
	/**
	 * The centre's day so far, and rolling windows ending now (voice). The windows hold the
	 * contacts queued in them that have finished: a call still waiting or being handled is not
	 * in them yet, so over 15 minutes abandons (finished at once) weigh more than answers
	 * (finished after wrap-up). Screens show the day; the windows serve AHT of the last hour.
	 */
	periods: { today: PeriodBlock; last15m: PeriodBlock; last60m: PeriodBlock };
	backlogs: Backlogs;
	/**
	 * Consultants one by one (./consultants.ts), only in the frames of screens that may see
	 * names (supervisors, admins; a site's only for a site view); absent everywhere else.
	 */
	consultants?: Consultant[];
	/** The centre's queues per topic and channel (voice, chat) and open written work (./now.ts); absent if it could not be read. */
	now?: LiveNowBlock;
	/** Alerts active now, oldest first (./alerts.ts); who acknowledged only in supervisors' and admins' frames. */
	alerts?: ActiveAlert[];
};

/** A LiveState as the socket carries it: the consultants as arrays. */
export type WireState = Omit<LiveState, 'consultants'> & { consultants?: ConsultantOnWire[] };

export function encodeState(state: LiveState): WireState {
	return state.consultants ? { ...state, consultants: state.consultants.map(consultantToWire) } : (state as WireState);
}

export function decodeState(wire: WireState): LiveState {
	return wire.consultants ? { ...wire, consultants: wire.consultants.map(consultantFromWire) } : (wire as LiveState);
}

/** A message as the socket carries it, and as a screen reads it (decodeState). */
export type WireMessage = { type: 'snapshot' | 'update'; seq: number; state: WireState };
export type LiveMessage = { type: 'snapshot' | 'update'; seq: number; state: LiveState };
