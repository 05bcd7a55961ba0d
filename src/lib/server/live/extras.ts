/**
 * What the supervisor's live view adds to each tick's state, read beside readLiveState with a
 * fixed number of queries: the consultants one by one (consultants.ts) and "now" per topic and
 * channel (now.ts). Either failing leaves the boards their figures (logged; the screens say
 * the part is unavailable).
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import type { Consultant } from '../../live/consultants.ts';
import type { LiveNowBlock } from '../../live/now.ts';
import type { ActiveAlert } from '../../live/alerts.ts';
import type { LiveState } from '../../live/protocol.ts';
import { readConsultants, withConsultants } from './consultants.ts';
import { NOW_QUERIES, readNow } from './now.ts';
import type { QueueFeed } from '../ewt/queueFeed.ts';
import { readEveryPart, type PartReader } from './parts.ts';

export type Extras = { consultants: Consultant[] | null; now: LiveNowBlock | null; alerts?: ActiveAlert[] };

/**
 * Queries readExtras makes at most: consultants one by one; open written work, and until the
 * queue feed is ready the channel queues and callers waiting (now.ts).
 */
export const EXTRA_QUERIES = 1 + NOW_QUERIES.unfed;
/** Queries the queue feed's memory spares a tick once it is ready. */
export const FED_QUERIES_SPARED = NOW_QUERIES.unfed - NOW_QUERIES.fed;

/** `part`: the tick's reader of parts (parts.ts): open written work is read once for the boards and these. */
export async function readExtras(db: ClickHouseClient, config: Config, now: number, feed: QueueFeed | null = null, part: PartReader = readEveryPart): Promise<Extras> {
	const logged = (part: string) => (e: Error) => {
		console.error(`live: reading ${part} failed: ${e.message}`);
		return null;
	};
	const [consultants, nowBlock] = await Promise.all([readConsultants(db, config, now, part).catch(logged('the consultants')), readNow(db, config, now, feed, part).catch(logged('the queues by channel'))]);
	return { consultants, now: nowBlock };
}

/**
 * A view's state with the extras its screen may see: the centre's queues for all; consultants
 * and the callers waiting one by one for those who may see names.
 */
export function withExtras(state: LiveState, extras: Extras, names: boolean): LiveState {
	const withNow: LiveState = extras.now ? { ...state, now: names ? extras.now : { ...extras.now, callers: undefined } } : state;
	const alerts = extras.alerts && (names ? extras.alerts : extras.alerts.map((a) => ({ ...a, acknowledgedBy: undefined })));
	return withConsultants(alerts ? { ...withNow, alerts } : withNow, extras.consultants, names);
}
