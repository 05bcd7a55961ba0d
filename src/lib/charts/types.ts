/**
 * The shapes of the trend series the server computes (src/lib/server/stats/trends.ts) and the
 * option builders draw. Every series is gap-filled: a year, month or quarter hour with no
 * contacts is present with 0 (counts) or null (averages and rates: nothing to measure).
 */

/**
 * A year or month the figures cover only in part: the history starts in it (`from`, the first
 * day with contacts) or it is not over (`to`, the last day counted: today, or the end of the
 * report's month). Absent on a whole period. Charts draw it outlined and say "iki gruodžio 4 d.".
 */
export type PartialPeriod = { from: string | null; to: string | null };

export type YearlyPoint = { year: number; offered: number; partial?: PartialPeriod };

export type MonthlyPoint = {
	/** YYYY-MM, the centre's calendar month. */
	month: string;
	offered: number;
	/** The same month a year before; null when that month is outside the data read. */
	offeredYearBefore: number;
	/** (offered − year before) ÷ year before; null when the year before had no contacts. */
	yoy: number | null;
	/** A month not over: offeredYearBefore then counts the same days of the year before (like with like). */
	partial?: PartialPeriod;
};

export type MonthlyWaitPoint = { month: string; offered: number; answered: number; avgWaitS: number | null; asaS: number | null };

export type IntradaySlot = { offered: number; avgWaitS: number | null; serviceLevel: number | null };

export type IntradayPoint = {
	/** HH:MM on the local clock, 00:00 … 23:45. */
	slot: string;
	today: IntradaySlot;
	lastWeek: IntradaySlot;
};

export type OpeningHours = { open: string; close: string };

export type Intraday = {
	date: string;
	lastWeekDate: string;
	slots: IntradayPoint[];
	/** The centre's hours on that weekday (HH:MM); null when it is closed that day (every hour shown). */
	hours: OpeningHours | null;
};

export type AhtPoint = { topic: string; answered: number; ahtS: number | null; talkS: number | null; holdS: number | null; wrapS: number | null };

export type TrendFilter = { channel: string | null; topic: string | null; site: string | null };

export type Trends = {
	timeZone: string;
	filter: TrendFilter;
	yearly: YearlyPoint[];
	monthly: MonthlyPoint[];
	waits: MonthlyWaitPoint[];
	intraday: Intraday;
	aht: { from: string; to: string; topics: AhtPoint[] };
};

export const TREND_KINDS = ['yearly', 'monthly', 'waits', 'intraday', 'aht'] as const;
export type TrendKind = (typeof TREND_KINDS)[number];

/** One row of GET /api/contacts. Times are epoch ms. */
export type ContactRow = {
	contact_id: string;
	channel: string;
	topic: string;
	site: string;
	agent: string;
	queued_at_ms: number;
	answered_at_ms: number | null;
	ended_at_ms: number;
	outcome: string;
	wait_ms: number;
	talk_ms: number;
	hold_ms: number;
	wrap_ms: number;
	in_service_level: number;
	short_abandon: number;
};
