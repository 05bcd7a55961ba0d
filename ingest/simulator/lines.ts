/**
 * Canonical NDJSON lines (docs/canonical-events.md) written by hand: JSON.stringify of an
 * object per contact would cost a third of the backfill's time. Every string written unquoted
 * here is ours and cannot hold a quote or a backslash: ids built from the seed, dates and
 * config ids (topics and sites match [a-z0-9_-]); free text (reasons) goes through JSON.stringify.
 */
import type { Channel, Outcome } from '../types.ts';

const DAY_MS = 86_400_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
let cachedDay = NaN;
let cachedDate = '';

/**
 * Whole epoch milliseconds → "2025-02-03T08:15:00.250Z", as Date#toISOString writes it but
 * about ten times faster: the date part is cached (contacts come day by day) and the time is
 * plain arithmetic. toISOString was 40% of the backfill's time.
 */
export function iso(ms: number): string {
	const t = Math.floor(ms);
	const day = Math.floor(t / DAY_MS);
	if (day !== cachedDay) {
		cachedDay = day;
		cachedDate = new Date(day * DAY_MS).toISOString().slice(0, 11);
	}
	let r = t - day * DAY_MS;
	const h = Math.floor(r / 3_600_000);
	r -= h * 3_600_000;
	const m = Math.floor(r / 60_000);
	r -= m * 60_000;
	const s = Math.floor(r / 1000);
	return `${cachedDate}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[r - s * 1000]}Z`;
}

export type ContactFields = {
	id: string;
	channel: Channel;
	topic: string;
	/** '' when nobody handled it. */
	site: string;
	agent: string;
	queuedAt: number;
	answeredAt: number | null;
	endedAt: number;
	outcome: Outcome;
	waitMs: number;
	talkMs: number;
	holdMs: number;
	wrapMs: number;
	/** −1: nothing announced. */
	announcedS: number;
	dueAt: number | null;
};

export function contactLine(c: ContactFields): string {
	const handled = c.agent !== '';
	return (
		`{"type":"contact","contact_id":"${c.id}","channel":"${c.channel}","topic":"${c.topic}"` +
		(handled ? `,"site":"${c.site}","agent":"${c.agent}"` : ',"agent":null') +
		`,"queued_at":"${iso(c.queuedAt)}","answered_at":${c.answeredAt === null ? 'null' : `"${iso(c.answeredAt)}"`}` +
		`,"ended_at":"${iso(c.endedAt)}","outcome":"${c.outcome}","wait_ms":${c.waitMs},"talk_ms":${c.talkMs}` +
		`,"hold_ms":${c.holdMs},"wrap_ms":${c.wrapMs}` +
		(c.announcedS >= 0 ? `,"announced_wait_s":${c.announcedS}` : '') +
		(c.dueAt !== null ? `,"due_at":"${iso(c.dueAt)}"` : '') +
		',"simulated":true}'
	);
}

/** One lifecycle event: `fields` is already-rendered JSON members, each starting with a comma. */
export function eventLine(type: string, id: string, ts: number, fields: string): string {
	return `{"type":"${type}","id":"${id}","ts":"${iso(ts)}"${fields},"simulated":true}`;
}

export const text = (s: string): string => JSON.stringify(s);
