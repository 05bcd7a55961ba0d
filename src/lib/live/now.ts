/**
 * "Now" per topic and channel (LiveState.now), and how a topic's level is judged with its
 * reason in words. The thresholds are the wallboard's (config `wallboard.thresholds`, judged by
 * src/routes/wallboard/thresholds.ts), so the dashboard, the TV and the alerts agree.
 */
import { availableLevel, serviceLevelLevel, upperLevel, worst, type Level, type Thresholds } from '../../routes/wallboard/thresholds.ts';

/** A live queue of one channel and topic (voice and chat). */
export type ChannelQueue = {
	channel: 'voice' | 'chat';
	topic: string;
	waiting: number;
	/** When the longest-waiting contact entered the queue (epoch ms); null if nobody waits. */
	oldestQueuedAt: number | null;
	/** Waits of the last contacts answered in the last hour, seconds, newest first (up to 5). */
	recentWaitsS: number[];
};

/** Open written work of one kind against its deadline. */
export type WrittenQueue = {
	kind: 'callback' | 'einquiry' | 'email';
	open: number;
	/** Callbacks: due by today's close; e-inquiries and e-mails: within 5 working days of the deadline. */
	dueSoon: number;
	/** Past the deadline (callbacks: the next working day's close; written: 20 working days). */
	overdue: number;
	/** Age of the oldest open item, working days; null when none is open. */
	oldestAgeWorkingDays: number | null;
	/** The deadline, working days (callbacks: 1, the next working day). */
	deadlineWorkingDays: number;
};

/** One caller waiting now (no number: none is stored). */
export type CallerWaiting = {
	/** 1 is next to be served in this topic's queue of this channel. */
	position: number;
	topic: string;
	channel: 'voice' | 'chat' | 'callback';
	/** When the caller entered the queue (epoch ms); screens tick the wait from it. */
	queuedAt: number;
	/** The wait the caller was told on entering (seconds); null if none was announced. */
	announcedS: number | null;
	/** How the caller got here: the IVR's topic choice (calls), a chat, or a callback being returned. */
	from: 'ivr' | 'chat' | 'callback';
};

/** At most this many callers are listed (oldest first); `callersWaiting` counts them all. */
export const CALLERS_LISTED = 200;

/** `callers`: only in supervisors' and admins' frames (a TV has no use for the list; it would only make every frame larger). */
export type LiveNowBlock = { queues: ChannelQueue[]; written: WrittenQueue[]; callers?: CallerWaiting[] };

/** One figure that set a topic's level: which, its value and the limit it reached. */
export type LevelReason = { figure: 'waiting' | 'longest_wait' | 'service_level' | 'available'; level: Level; value: number; limit: number };

export type TopicJudgement = { level: Level; reasons: LevelReason[] };

/**
 * A topic's level now: the worst of callers waiting, the longest wait (against the topic's
 * service-level target × longestWaitFactor), service level today (against its goal) and the
 * consultants available for it. The reasons are the figures at the worst level (warning or
 * alarm), each with the limit reached, so a screen can say why in words.
 */
export function judgeTopic(
	q: { waiting: number; oldestQueuedAt: number | null; agentsAvailable: number; agentsServing: number },
	serviceLevel: number | null,
	topic: { slTargetS: number; slGoal: number },
	t: Thresholds,
	now: number
): TopicJudgement {
	const longestS = q.oldestQueuedAt === null ? 0 : Math.max(0, (now - q.oldestQueuedAt) / 1000);
	const waitLimits = { warn: t.longestWaitFactor.warn * topic.slTargetS, alarm: t.longestWaitFactor.alarm * topic.slTargetS };
	const figures: LevelReason[] = [];
	const add = (figure: LevelReason['figure'], level: Level, value: number, limits: { warn: number; alarm: number }) =>
		figures.push({ figure, level, value, limit: level === 'alarm' ? limits.alarm : limits.warn });
	add('waiting', upperLevel(q.waiting, t.waiting), q.waiting, t.waiting);
	add('longest_wait', upperLevel(longestS, waitLimits), Math.floor(longestS), waitLimits);
	if (serviceLevel !== null)
		add('service_level', serviceLevelLevel(serviceLevel, topic.slGoal, t.serviceLevelMargin), serviceLevel, { warn: topic.slGoal, alarm: topic.slGoal - t.serviceLevelMargin });
	add('available', availableLevel({ available: q.agentsAvailable, loggedIn: q.agentsServing }, q.waiting, t.available), q.agentsAvailable, t.available);
	const level = worst(...figures.map((f) => f.level));
	return { level, reasons: level === 'warn' || level === 'alarm' ? figures.filter((f) => f.level === level) : [] };
}
