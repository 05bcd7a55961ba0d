/**
 * Deadline figures of the written work that arrived in a month: callbacks (due at the close of
 * the next working day) and e-inquiries (due at the close of the N-th working day).
 * Judged against the generation time: an item not answered and past its deadline is overdue,
 * one not yet due is pending and stays out of the percentage (it can still be on time).
 * The deadline stored at ingest wins (it was computed under the calendar then in force); a
 * source that gave none gets one from today's calendar.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';
import type { UtcRange } from '../stats/periodRange.ts';
import type { WorkingCalendar } from '../calendar/workingDays.ts';
import { dueAt, judgeOpen, readOpenWork } from '../written/openWork.ts';

export type WrittenKind = 'callback' | 'einquiry';

export type DeadlineCounts = {
	/** Requested (callbacks) or received (e-inquiries) in the month. */
	total: number;
	onTime: number;
	late: number;
	overdue: number;
	pending: number;
	/** onTime ÷ (onTime + late + overdue); null when none could be judged yet. */
	onTimeShare: number | null;
	/**
	 * Mean time to answer of the answered ones, in the kind's unit (metrics/units.ts): hours for
	 * callbacks; working days for e-inquiries (answered the day it came: 0, the next working day: 1).
	 */
	meanToAnswer: number | null;
	/** Internal sum behind meanToAnswer. */
	toAnswerSum?: number;
};

export type WrittenWork = Record<WrittenKind, { byTopic: Record<string, DeadlineCounts>; total: DeadlineCounts }>;

type Row = { kind: string; topic: string; queued_ms: number | string; answered_ms: number | string | null; due_ms: number | string | null; outcome: string };

const emptyCounts = (): DeadlineCounts => ({ total: 0, onTime: 0, late: 0, overdue: 0, pending: 0, onTimeShare: null, meanToAnswer: null, toAnswerSum: 0 });

function finish({ toAnswerSum, ...c }: DeadlineCounts): DeadlineCounts {
	const judged = c.onTime + c.late + c.overdue;
	const answered = c.onTime + c.late;
	return { ...c, onTimeShare: judged > 0 ? c.onTime / judged : null, meanToAnswer: answered > 0 ? (toAnswerSum ?? 0) / answered : null };
}

export async function writtenWork(
	db: ClickHouseClient,
	range: UtcRange,
	topic: string | null,
	calendar: WorkingCalendar,
	eInquiryDays: number,
	now: number
): Promise<WrittenWork> {
	const [rows, open] = await Promise.all([
		queryRows<Row>(db, 'reports/written_work', { from: range.fromMs / 1000, to: range.toMs / 1000, topic: topic ?? '' }),
		readOpenWork(db, { fromMs: range.fromMs, toMs: range.toMs, timeZone: calendar.timeZone, topic })
	]);
	const out: WrittenWork = { callback: { byTopic: {}, total: emptyCounts() }, einquiry: { byTopic: {}, total: emptyCounts() } };
	// Still open: judged by the rule the live view uses (written/openWork.ts).
	for (const o of open) {
		if (o.kind !== 'callback' && o.kind !== 'einquiry') continue;
		const bucket = judgeOpen(calendar, o.kind, o.day, now, eInquiryDays) === 'overdue' ? 'overdue' : 'pending';
		for (const c of [(out[o.kind].byTopic[o.topic] ??= emptyCounts()), out[o.kind].total]) {
			c.total += o.open;
			c[bucket] += o.open;
		}
	}
	for (const r of rows) {
		const kind = r.kind as WrittenKind;
		if (kind !== 'callback' && kind !== 'einquiry') continue;
		const queued = Number(r.queued_ms);
		const due = r.due_ms !== null ? Number(r.due_ms) : dueAt(calendar, kind, calendar.localDate(queued), eInquiryDays);
		const answered = r.answered_ms === null ? null : Number(r.answered_ms);
		const bucket = answered !== null ? (answered <= due ? 'onTime' : 'late') : now > due ? 'overdue' : 'pending';
		const toAnswer =
			answered === null ? 0 : kind === 'callback' ? (answered - queued) / 3_600_000 : calendar.workingDaysBetween(calendar.localDate(queued), calendar.localDate(answered));
		for (const c of [(out[kind].byTopic[r.topic] ??= emptyCounts()), out[kind].total]) {
			c.total++;
			c[bucket]++;
			c.toAnswerSum = (c.toAnswerSum ?? 0) + toAnswer;
		}
	}
	for (const kind of ['callback', 'einquiry'] as const) {
		out[kind].total = finish(out[kind].total);
		for (const t of Object.keys(out[kind].byTopic)) out[kind].byTopic[t] = finish(out[kind].byTopic[t]!);
	}
	return out;
}
