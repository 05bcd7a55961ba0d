/**
 * Open written work, one rule for every reader: which items are open (sql/queries/written/open.sql:
 * arrived, and not yet finished by the assembler) and how each is judged against its deadline
 * (below). The dashboard's live view (live/now.ts, live/liveState.ts' backlogs), the offered
 * count of /api/stats (stats/periodStats.ts) and the report's deadline tables
 * (reports/writtenWork.ts) all read it here, so the same data gives the same figures everywhere.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';
import type { WorkingCalendar } from '../calendar/workingDays.ts';

export type OpenKind = 'callback' | 'einquiry' | 'email';
/** Items of one kind and topic that arrived on one of the centre's days and are still open. */
export type OpenItems = { kind: OpenKind; topic: string; day: string; open: number };

/** The live view looks this far back: the assembler closes written work unheard of for 60 days. */
const OPEN_HORIZON_MS = 60 * 86_400_000;
/** And up to a day ahead: a source's clock a little ahead of ours must not hide what it sent. */
const OPEN_AHEAD_MS = 86_400_000;

/** An open item due within this many working days (and not overdue) is due soon. */
export const DUE_SOON_WORKING_DAYS = 5;

export async function readOpenWork(
	db: ClickHouseClient,
	q: { fromMs: number; toMs: number; timeZone: string; topic?: string | null; kind?: OpenKind | null }
): Promise<OpenItems[]> {
	const rows = await queryRows<{ kind: string; topic: string; day: string; open: number | string }>(db, 'written/open', {
		from: q.fromMs / 1000,
		to: q.toMs / 1000,
		tz: q.timeZone,
		topic: q.topic ?? '',
		kind: q.kind ?? ''
	});
	return rows.map((r) => ({ kind: r.kind as OpenKind, topic: r.topic, day: r.day, open: Number(r.open) }));
}

/**
 * What is open now (the live view's reading). A live tick needs it twice (the backlogs in
 * readLiveState, the open work in the supervisor's view): both ask through the tick's
 * PartReader under one name ('written/open', live/parts.ts), which reads it once.
 */
export function readOpenWorkNow(db: ClickHouseClient, timeZone: string, now: number): Promise<OpenItems[]> {
	return readOpenWork(db, { fromMs: now - OPEN_HORIZON_MS, toMs: now + OPEN_AHEAD_MS, timeZone });
}

/**
 * When an item that arrived on the centre's date `day` is due: a callback by the close of the
 * next working day, an e-inquiry or e-mail by the close of the N-th working day after it
 * (received on Friday before a holiday Monday: the count starts on Tuesday).
 */
export function dueAt(calendar: WorkingCalendar, kind: OpenKind, day: string, eInquiryDays: number): number {
	return calendar.closingTime(kind === 'callback' ? calendar.nextWorkingDay(day) : calendar.addWorkingDays(day, eInquiryDays)).getTime();
}

/**
 * An open item at `now`: overdue once its deadline (dueAt) has passed, so from the close of the
 * last working day allowed, not from the next morning; due soon when its deadline is within
 * DUE_SOON_WORKING_DAYS working days (a callback: on its due day); otherwise pending.
 */
export function judgeOpen(calendar: WorkingCalendar, kind: OpenKind, day: string, now: number, eInquiryDays: number): 'overdue' | 'dueSoon' | 'pending' {
	const due = dueAt(calendar, kind, day, eInquiryDays);
	if (now > due) return 'overdue';
	const today = calendar.localDate(now);
	const dueDay = calendar.localDate(due);
	if (kind === 'callback') return dueDay <= today ? 'dueSoon' : 'pending';
	return calendar.workingDaysBetween(today, dueDay) < DUE_SOON_WORKING_DAYS ? 'dueSoon' : 'pending';
}

/** Working days an item that arrived on `day` has waited by `now` (0 on the day it came). */
export function ageWorkingDays(calendar: WorkingCalendar, day: string, now: number): number {
	return calendar.workingDaysBetween(day, calendar.localDate(now));
}
