/** Schedules and the send log in ClickHouse (migration 0011). */
import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';
import { scheduleInput, type DeliveryResult, type DeliveryTarget, type LogEntry, type Schedule, type ScheduleSpec } from './types.ts';

export async function listSchedules(db: ClickHouseClient): Promise<Schedule[]> {
	const rows = await queryRows<{ id: string; spec: string }>(db, 'exports/schedules');
	const out: Schedule[] = [];
	for (const r of rows) {
		// A spec a later version would refuse is skipped here, not a crash of every schedule.
		const parsed = scheduleInput.safeParse(JSON.parse(r.spec));
		if (parsed.success) out.push({ ...parsed.data, id: r.id });
	}
	return out;
}

async function writeSchedule(db: ClickHouseClient, id: string, spec: ScheduleSpec | null, now: number) {
	await db.insert({
		table: 'export_schedules',
		values: [{ id, spec: spec ? JSON.stringify(spec) : '', removed: spec ? 0 : 1, updated_at: now }],
		format: 'JSONEachRow'
	});
}

export async function addSchedule(db: ClickHouseClient, spec: ScheduleSpec, now = Date.now()): Promise<Schedule> {
	const id = randomBytes(6).toString('hex');
	await writeSchedule(db, id, spec, now);
	return { ...spec, id };
}

export async function removeSchedule(db: ClickHouseClient, id: string, now = Date.now()): Promise<boolean> {
	if (!(await listSchedules(db)).some((s) => s.id === id)) return false;
	await writeSchedule(db, id, null, now);
	return true;
}

export async function logDelivery(
	db: ClickHouseClient,
	e: { scheduleId: string; period: string; target: DeliveryTarget; file: string; recipients: string[]; result: DeliveryResult; attempt: number; error: string },
	now: number
) {
	await db.insert({
		table: 'export_log',
		values: [{ at: now, schedule_id: e.scheduleId, period: e.period, target: e.target, file: e.file, recipients: e.recipients.join(', '), result: e.result, attempt: e.attempt, error: e.error }],
		format: 'JSONEachRow'
	});
}

export type PeriodAttempts = { target: DeliveryTarget; result: DeliveryResult; attempt: number; atMs: number }[];

export async function periodAttempts(db: ClickHouseClient, scheduleId: string, period: string): Promise<PeriodAttempts> {
	type Row = { target: DeliveryTarget; result: DeliveryResult; attempt: number; at_ms: number | string };
	const rows = await queryRows<Row>(db, 'exports/log_period', { schedule_id: scheduleId, period });
	return rows.map((r) => ({ target: r.target, result: r.result, attempt: Number(r.attempt), atMs: Number(r.at_ms) }));
}

export async function latestLog(db: ClickHouseClient, limit = 30, scheduleId = ''): Promise<LogEntry[]> {
	type Row = { at_ms: number | string; schedule_id: string; period: string; target: DeliveryTarget; file: string; recipients: string; result: DeliveryResult; attempt: number; error: string };
	const rows = await queryRows<Row>(db, 'exports/log_latest', { limit, schedule_id: scheduleId });
	return rows.map((r) => ({
		at: new Date(Number(r.at_ms)).toISOString(),
		scheduleId: r.schedule_id,
		period: r.period,
		target: r.target,
		file: r.file,
		recipients: r.recipients,
		result: r.result,
		attempt: Number(r.attempt),
		error: r.error
	}));
}
