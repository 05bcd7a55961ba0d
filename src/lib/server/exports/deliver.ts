/**
 * One schedule's delivery for one period (a closed month "YYYY-MM" or a day "YYYY-MM-DD"):
 * the file is made once, then written to the folder and/or e-mailed, and every attempt is
 * logged per target. The log is the memory: a target with a 'sent' or 'failed' row for the
 * period is never tried again by the scheduler (a restart resends nothing), a 'retry' row is
 * tried again after a growing pause, and after MAX_ATTEMPTS the last one is logged 'failed'.
 * "Send now" (force) delivers regardless and is logged like any other attempt. Within one
 * process a period is delivered by one caller at a time; several servers sharing one database
 * each run the scheduler, and could both send a period they start on in the same second.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import { addCalendarDays } from '../calendar/holidays.ts';
import { WorkingCalendar } from '../calendar/workingDays.ts';
import { monthToFreeze } from '../reports/freezeSchedule.ts';
import { monthlyReport } from '../reports/monthlyReport.ts';
import { CONTENT_TYPES, renderReport, reportFileName } from '../reports/render.ts';
import { filterKey, latestStored } from '../reports/store.ts';
import { exportMailText } from '../../i18n/exports.ts';
import { intervalFileName, renderIntervalCsv } from './intervalReport.ts';
import { renderIntervalXlsx } from './intervalXlsx.ts';
import { buildMessage, type Attachment } from './mime.ts';
import { logDelivery, periodAttempts, type PeriodAttempts } from './scheduleStore.ts';
import { SmtpError, sendMail, type SmtpSettings } from './smtp.ts';
import type { DeliveryResult, DeliveryTarget, Schedule } from './types.ts';

/** Pause before attempt n + 1 after n transient failures: 5 min, 15 min, 1 h, then 3 h. */
export const BACKOFF_MS = [300_000, 900_000, 3_600_000, 10_800_000];
export const MAX_ATTEMPTS = 8;

export type ExportContext = { db: ClickHouseClient; config: Config; smtp: SmtpSettings | null };

/** Where files go: exports.dir, or DATA_DIR/exports. */
export const exportDir = (config: Config) => resolve(config.exports.dir ?? join(config.dataDir, 'exports'));

export function smtpSettings(config: Config): SmtpSettings | null {
	const s = config.exports.smtp;
	return s ? { host: s.host, port: s.port, security: s.security, user: s.user, password: s.password, from: s.from } : null;
}

/** The period a schedule owes by `now`: the month frozen on its first working day, or yesterday. */
export function duePeriod(s: Schedule, now: number, calendar: WorkingCalendar): string | null {
	if (s.kind === 'monthly') return monthToFreeze(now, calendar);
	return addCalendarDays(calendar.localDate(now), -1);
}

function shouldTry(attempts: PeriodAttempts, target: DeliveryTarget, now: number): boolean {
	const mine = attempts.filter((a) => a.target === target);
	if (mine.some((a) => a.result !== 'retry')) return false;
	if (mine.length === 0) return true;
	if (mine.length >= MAX_ATTEMPTS) return false;
	const pause = BACKOFF_MS[Math.min(mine.length - 1, BACKOFF_MS.length - 1)]!;
	return now >= mine[mine.length - 1]!.atMs + pause;
}

/** The file for a period; null when a scheduled monthly report is not frozen yet (wait for the freezer). */
export async function exportFile(ctx: ExportContext, s: Schedule, period: string, requireFrozen: boolean, now = Date.now()): Promise<Attachment | null> {
	const filter = { topic: s.topic, site: s.site, channel: s.channel };
	if (s.kind === 'interval') {
		const format = s.format === 'xlsx' ? 'xlsx' : 'csv';
		const bytes =
			format === 'xlsx'
				? await renderIntervalXlsx(ctx.db, period, s.minutes, filter, ctx.config.timeZone, s.lang, now)
				: await renderIntervalCsv(ctx.db, period, s.minutes, filter, ctx.config.timeZone, s.lang);
		return { fileName: intervalFileName(period, s.minutes, filterKey(filter), s.lang, format), contentType: CONTENT_TYPES[format], bytes };
	}
	const format = s.format === 'xlsx' ? 'xlsx' : 'pdf';
	// The whole centre's month is frozen on schedule; a filtered one is served as the report page
	// serves it (its stored revision if someone froze it, otherwise computed).
	const stored = await latestStored(ctx.db, period, filter);
	if (!stored && requireFrozen && filterKey(filter) === 'all') return null;
	const report = stored ?? (await monthlyReport(ctx.db, period, filter, ctx.config));
	return { fileName: reportFileName(report, format, s.lang), contentType: CONTENT_TYPES[format], bytes: await renderReport(report, format, s.lang) };
}

export type Outcome = { target: DeliveryTarget; result: DeliveryResult; file: string; error: string };

async function writeToFolder(dir: string, file: Attachment) {
	await mkdir(dir, { recursive: true });
	const path = join(dir, file.fileName);
	// Whole or not at all: a reader of the folder never sees half a PDF.
	await writeFile(`${path}.part`, file.bytes);
	await rename(`${path}.part`, path);
}

/** (schedule, period) pairs being delivered in this process: "send now" during a scheduled run must not send twice. */
const inFlight = new Set<string>();

/** Delivers what is owed (or everything, with force); [] when nothing was owed or this period is being delivered already. */
export async function runSchedule(ctx: ExportContext, s: Schedule, now: number, opts: { force?: boolean; period?: string } = {}): Promise<Outcome[]> {
	const period = opts.period ?? duePeriod(s, now, new WorkingCalendar(ctx.config));
	if (!period) return [];
	const key = `${s.id}:${period}`;
	if (inFlight.has(key)) return [];
	inFlight.add(key);
	try {
		return await deliverPeriod(ctx, s, period, now, opts.force ?? false);
	} finally {
		inFlight.delete(key);
	}
}

async function deliverPeriod(ctx: ExportContext, s: Schedule, period: string, now: number, force: boolean): Promise<Outcome[]> {
	const attempts = await periodAttempts(ctx.db, s.id, period);
	const targets: DeliveryTarget[] = [...(s.folder ? (['folder'] as const) : []), ...(s.emails.length ? (['email'] as const) : [])];
	const pending = targets.filter((t) => force || shouldTry(attempts, t, now));
	if (pending.length === 0) return [];
	const file = await exportFile(ctx, s, period, !force, now);
	if (!file) return [];
	const out: Outcome[] = [];
	for (const target of pending) {
		const attempt = attempts.filter((a) => a.target === target).length + 1;
		let result: DeliveryResult = 'sent';
		let error = '';
		try {
			if (target === 'folder') await writeToFolder(exportDir(ctx.config), file);
			else {
				if (!ctx.smtp) throw new SmtpError('no SMTP server is configured (exports.smtp)', 0, true);
				const text = exportMailText(s.lang, s.kind, period);
				await sendMail(ctx.smtp, s.emails, buildMessage({ from: ctx.smtp.from, to: s.emails, subject: text.subject, text: text.body, attachment: file }));
			}
		} catch (e) {
			const permanent = e instanceof SmtpError ? e.permanent : false;
			result = permanent || attempt >= MAX_ATTEMPTS ? 'failed' : 'retry';
			error = (e as Error).message + (result === 'failed' && !permanent ? ` (gave up after ${attempt} attempts)` : '');
		}
		await logDelivery(ctx.db, { scheduleId: s.id, period, target, file: file.fileName, recipients: target === 'email' ? s.emails : [], result, attempt, error }, now);
		out.push({ target, result, file: file.fileName, error });
	}
	return out;
}
