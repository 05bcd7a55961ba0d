/**
 * "Now" per topic and channel for the supervisor's view (LiveState.now): the chat queues beside
 * the voice ones, the waits of the last contacts answered, and open written work (callbacks,
 * e-inquiries, e-mails) against its deadline with the oldest item's age; the centre's queues are
 * the same in every view (every site serves them).
 *
 * Who is waiting has one definition (ewt/queueFeed.ts): once the EWT service has rebuilt its
 * queues, the chat and voice queues, the last answered waits and the callers-waiting list are
 * read from its memory, the same callers GET /api/ewt counts ahead, and a tick makes one query
 * here (open written work). Until then (the first second after a start) live/channel_queues_now
 * and live/callers_waiting read the stored events by live/queue_now's rule: three queries.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import { CALLERS_LISTED, type CallerWaiting, type ChannelQueue, type LiveNowBlock, type WrittenQueue } from '../../live/now.ts';
import { queryRows } from '../clickhouse/sql.ts';
import { WorkingCalendar } from '../calendar/workingDays.ts';
import { WAIT_HORIZON_MS, type QueueFeed } from '../ewt/queueFeed.ts';
import { ageWorkingDays, judgeOpen, readOpenWorkNow, type OpenItems } from '../written/openWork.ts';
import { OPEN_WORK_TABLES, readEveryPart, type PartReader } from './parts.ts';

/** As live/queue_now: contacts waiting longer than this are not waiting any more. */
const QUEUE_HORIZON_MS = WAIT_HORIZON_MS;
/** "The last callers answered": within the last hour, else there is nothing recent to compare. */
const RECENT_MS = 3600_000;

type QueueRow = { channel: string; topic: string; waiting: number | string; oldest_ms: number | string; recent_waits_ms: (number | string)[] };

/**
 * Queries readNow makes: with the queue feed's memory, and without it (the first second). Open
 * written work is a part (parts.ts) the board's backlogs read too: a tick reads it once.
 */
export const NOW_QUERIES = { fed: 1, unfed: 3 } as const;

export async function readNow(
	db: ClickHouseClient,
	config: Config,
	now = Date.now(),
	feed: QueueFeed | null = null,
	part: PartReader = readEveryPart
): Promise<LiveNowBlock> {
	const [queues, written, callers] = await Promise.all([
		feed ? feedQueues(feed, config, now) : queryRows<QueueRow>(db, 'live/channel_queues_now', { since: now - QUEUE_HORIZON_MS, recent_since: now - RECENT_MS }),
		part('written/open', OPEN_WORK_TABLES, () => readOpenWorkNow(db, config.timeZone, now)),
		feed ? feedCallers(feed) : queryRows<CallerRow>(db, 'live/callers_waiting', { since: now - QUEUE_HORIZON_MS, limit: CALLERS_LISTED })
	]);
	return { queues: channelQueues(queues, config), written: writtenQueues(written, new WorkingCalendar(config), config, now), callers: callersWaiting(callers) };
}

/** The queue feed's queues in the shape of live/channel_queues_now's rows. */
function feedQueues(feed: QueueFeed, config: Config, now: number): QueueRow[] {
	return (['voice', 'chat'] as const).flatMap((channel) =>
		config.topics.map((t) => {
			const q = feed.waitingIn(channel, t.id);
			return { channel, topic: t.id, waiting: q.waiting, oldest_ms: q.oldestQueuedAt ?? 0, recent_waits_ms: feed.recentWaits(channel, t.id, now - RECENT_MS) };
		})
	);
}

/** The feed's waiting callers in the shape of live/callers_waiting's rows (no call id leaves). */
function feedCallers(feed: QueueFeed): CallerRow[] {
	return feed
		.waitingCallers()
		.slice(0, CALLERS_LISTED)
		.map((c) => ({ topic: c.topic, channel: c.channel, queued_ms: c.queuedAtMs, announced_s: c.announcedS }));
}

type CallerRow = { topic: string; channel: string; queued_ms: number | string; announced_s: number | string | null };

/** Oldest first, numbered within each topic's queue of each channel. */
export function callersWaiting(rows: CallerRow[]): CallerWaiting[] {
	const next = new Map<string, number>();
	return rows.map((r) => {
		const channel = r.channel === 'chat' || r.channel === 'callback' ? r.channel : 'voice';
		const key = `${channel}:${r.topic}`;
		const position = (next.get(key) ?? 0) + 1;
		next.set(key, position);
		return {
			position,
			topic: r.topic,
			channel,
			queuedAt: Number(r.queued_ms),
			announcedS: r.announced_s === null ? null : Number(r.announced_s),
			from: channel === 'voice' ? 'ivr' : channel
		};
	});
}

/** Every configured topic in both live channels, in IVR order, whether anyone waits or not. */
export function channelQueues(rows: QueueRow[], config: Config): ChannelQueue[] {
	const topics = [...config.topics].sort((a, b) => a.ivrPriority - b.ivrPriority).map((t) => t.id);
	const out: ChannelQueue[] = [];
	for (const channel of ['voice', 'chat'] as const)
		for (const topic of topics) {
			const r = rows.find((x) => x.channel === channel && x.topic === topic);
			const waiting = Number(r?.waiting ?? 0);
			out.push({
				channel,
				topic,
				waiting,
				oldestQueuedAt: waiting > 0 ? Number(r!.oldest_ms) : null,
				recentWaitsS: (r?.recent_waits_ms ?? []).map((ms) => Math.round(Number(ms) / 1000))
			});
		}
	return out;
}

/** Open written work per kind against its deadline (written/openWork.ts: the report judges it by the same rule). */
export function writtenQueues(rows: OpenItems[], calendar: WorkingCalendar, config: Config, now: number): WrittenQueue[] {
	const deadline = config.eInquiryDeadlineWorkingDays;
	const queue = (kind: WrittenQueue['kind']): WrittenQueue => ({ kind, open: 0, dueSoon: 0, overdue: 0, oldestAgeWorkingDays: null, deadlineWorkingDays: kind === 'callback' ? 1 : deadline });
	const out = { callback: queue('callback'), einquiry: queue('einquiry'), email: queue('email') };
	for (const r of rows) {
		const q = out[r.kind];
		if (!q) continue;
		q.open += r.open;
		q.oldestAgeWorkingDays = Math.max(q.oldestAgeWorkingDays ?? 0, ageWorkingDays(calendar, r.day, now));
		const judged = judgeOpen(calendar, r.kind, r.day, now, deadline);
		if (judged !== 'pending') q[judged] += r.open;
	}
	return [out.callback, out.einquiry, out.email];
}
