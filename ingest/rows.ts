/**
 * Canonical records → table rows. The thresholds in force (the topic's service-level
 * target, the short-abandon limit) are stamped on each contact row when it is written,
 * so a later configuration change never rewrites history. Only an answered contact has
 * handle time: talk, hold and wrap-up of any other are stored as 0 (a backfilled abandoned
 * contact that carried talk_ms would otherwise raise AHT, which sums them over all contacts).
 */
import type { Config } from '../src/lib/server/config/schema.ts';
import type { AgentEvent, CallEvent, ContactRecord, Rejected } from './types.ts';
import type { Block } from './spool.ts';
import { tsvLine, tsvString, tsvText, tsvTextArray } from './tsv.ts';
import { msText } from './numberText.ts';

export type CallEventRow = ReturnType<typeof callEventRow>;
export type AgentEventRow = ReturnType<typeof agentEventRow>;
export type ContactRow = ReturnType<ReturnType<typeof contactRowBuilder>>;
export type RejectedRow = ReturnType<typeof rejectedRow>;

/**
 * :TRICKY: JavaScript strings may hold lone UTF-16 surrogates (a `\ud800` escape in input
 * JSON, a long line cut in half); JSON.stringify keeps them and ClickHouse then refuses the
 * whole block. Every string that came from input goes through here.
 */
export function wellFormed(s: string): string {
	return s.isWellFormed() ? s : s.toWellFormed();
}

export function callEventRow(e: CallEvent, source: string) {
	return {
		event_id: wellFormed(e.eventId),
		ts: e.ts,
		call_id: wellFormed(e.callId),
		type: e.type,
		channel: e.channel ?? '',
		topic: wellFormed(e.topic ?? ''),
		site: wellFormed(e.site ?? ''),
		agent: wellFormed(e.agent ?? ''),
		wait_ms: e.waitMs ?? 0,
		talk_ms: e.talkMs ?? 0,
		hold_ms: e.holdMs ?? 0,
		wrap_ms: e.wrapMs ?? 0,
		announced_wait_s: e.announcedWaitS ?? null,
		estimate_method: wellFormed(e.estimateMethod ?? ''),
		reason: wellFormed(e.reason ?? ''),
		source,
		simulated: e.simulated ? 1 : 0
	};
}

export function agentEventRow(e: AgentEvent, source: string) {
	return {
		event_id: wellFormed(e.eventId),
		ts: e.ts,
		agent: wellFormed(e.agent),
		site: wellFormed(e.site ?? ''),
		state: e.state,
		reason: wellFormed(e.reason ?? ''),
		topics: (e.topics ?? []).map(wellFormed),
		source,
		simulated: e.simulated ? 1 : 0
	};
}

/**
 * The service-level target of a topic we do not know (an unmapped queue): the configured
 * `unmappedServiceLevelTargetSeconds`, else the strictest configured topic's target.
 */
export function unmappedTarget(config: Pick<Config, 'topics' | 'unmappedServiceLevelTargetSeconds'>): number {
	return config.unmappedServiceLevelTargetSeconds ?? Math.min(...config.topics.map((t) => t.serviceLevelTargetSeconds));
}

export function contactRowBuilder(config: Pick<Config, 'topics' | 'shortAbandonSeconds' | 'unmappedServiceLevelTargetSeconds'>) {
	const targets = new Map(config.topics.map((t) => [t.id, t.serviceLevelTargetSeconds]));
	const fallbackTarget = unmappedTarget(config);
	const shortS = config.shortAbandonSeconds;
	return (c: ContactRecord, source: string) => {
		const target = targets.get(c.topic) ?? fallbackTarget;
		const handled = c.outcome === 'answered';
		return {
			contact_id: wellFormed(c.contactId),
			channel: c.channel,
			topic: wellFormed(c.topic),
			site: wellFormed(c.site),
			agent: wellFormed(c.agent),
			queued_at: c.queuedAt,
			answered_at: c.answeredAt,
			ended_at: c.endedAt,
			due_at: c.dueAt ?? null,
			outcome: c.outcome,
			wait_ms: c.waitMs,
			talk_ms: handled ? c.talkMs : 0,
			hold_ms: handled ? c.holdMs : 0,
			wrap_ms: handled ? c.wrapMs : 0,
			announced_wait_s: c.announcedWaitS ?? null,
			sl_target_s: target,
			short_abandon_s: shortS,
			in_service_level: c.outcome === 'answered' && c.waitMs <= target * 1000 ? 1 : 0,
			short_abandon: c.outcome === 'abandoned' && c.waitMs < shortS * 1000 ? 1 : 0,
			source,
			simulated: c.simulated ? 1 : 0
		};
	};
}

/*
 * The same rows written straight as TabSeparated lines (no row object, no column lookup): the
 * ingest hot path. Each must give exactly tsvLine(xxxRow(…), XXX_COLUMNS), column for column;
 * tests/unit/ingest/rows.test.ts holds them to it. `source` comes already escaped (sourceField).
 * Arrays joined rather than templates: join writes one flat string, a template a rope of a few
 * dozen pieces that the encoder must walk.
 */

/** A source label as a TabSeparated field, escaped once per source rather than once a row. */
export function sourceField(source: string): string {
	return tsvString(source);
}

const optText = (s: string | undefined) => (s === undefined ? '' : tsvText(s));

/** The last five fields of most call events (no estimate, no reason, not simulated), per source. */
let plainTail = { source: '', text: '' };

export function callEventLine(e: CallEvent, source: string): string {
	// :TRICKY: nearly every event ends the same way for a source; one field for those five made
	// the line a fifth cheaper (0.44 → 0.34 µs).
	let tail: string;
	if (e.announcedWaitS === undefined && e.estimateMethod === undefined && e.reason === undefined && !e.simulated) {
		if (plainTail.source !== source) plainTail = { source, text: ['\\N', '', '', source, 0].join('\t') };
		tail = plainTail.text;
	} else {
		tail = [e.announcedWaitS ?? '\\N', optText(e.estimateMethod), optText(e.reason), source, e.simulated ? 1 : 0].join('\t');
	}
	return [
		tsvText(e.eventId), msText(e.ts), tsvText(e.callId), e.type, e.channel ?? '', optText(e.topic), optText(e.site), optText(e.agent),
		e.waitMs ?? 0, e.talkMs ?? 0, e.holdMs ?? 0, e.wrapMs ?? 0, tail
	].join('\t');
}

export function agentEventLine(e: AgentEvent, source: string): string {
	return [
		tsvText(e.eventId), msText(e.ts), tsvText(e.agent), optText(e.site), e.state, optText(e.reason), tsvTextArray(e.topics ?? []), source, e.simulated ? 1 : 0
	].join('\t');
}

export function contactLineBuilder(config: Pick<Config, 'topics' | 'shortAbandonSeconds' | 'unmappedServiceLevelTargetSeconds'>) {
	const targets = new Map(config.topics.map((t) => [t.id, t.serviceLevelTargetSeconds]));
	const fallbackTarget = unmappedTarget(config);
	const shortS = config.shortAbandonSeconds;
	return (c: ContactRecord, source: string): string => {
		const target = targets.get(c.topic) ?? fallbackTarget;
		const inSl = c.outcome === 'answered' && c.waitMs <= target * 1000 ? 1 : 0;
		const short = c.outcome === 'abandoned' && c.waitMs < shortS * 1000 ? 1 : 0;
		const handled = c.outcome === 'answered';
		return [
			tsvText(c.contactId), c.channel, tsvText(c.topic), tsvText(c.site), tsvText(c.agent), msText(c.queuedAt),
			c.answeredAt == null ? '\\N' : msText(c.answeredAt), msText(c.endedAt), c.dueAt == null ? '\\N' : msText(c.dueAt),
			c.outcome, c.waitMs, handled ? c.talkMs : 0, handled ? c.holdMs : 0, handled ? c.wrapMs : 0,
			c.announcedWaitS ?? '\\N', target, shortS, inSl, short, source, c.simulated ? 1 : 0
		].join('\t');
	};
}

/** Raw text is capped at 64 KiB per record: enough to see what was wrong, bounded in size. */
const MAX_RAW = 64 * 1024;
/** The detail is a sentence or two; an engine message or a quoted value may run longer. */
const MAX_DETAIL = 1000;

/**
 * A rejected record's row. `reason` is the class it is grouped by, `detail` the specifics with
 * the value; `count` is 1, or for a summary row (rejectedBatch.ts) the records it stands for.
 */
export function rejectedRow(r: Rejected, source: string, format: string, position: string, at: number, count = 1) {
	return {
		received_at: at,
		source,
		format,
		position,
		reason: r.reason,
		raw: wellFormed(r.raw.length > MAX_RAW ? `${r.raw.slice(0, MAX_RAW)}… [${r.raw.length - MAX_RAW} more characters]` : r.raw),
		detail: wellFormed(r.detail.length > MAX_DETAIL ? `${r.detail.slice(0, MAX_DETAIL)}…` : r.detail),
		count
	};
}

export const CALL_EVENT_COLUMNS = Object.keys(callEventRow({ eventId: '', ts: 0, callId: '', type: 'queued' }, '')) as readonly string[];
export const AGENT_EVENT_COLUMNS = Object.keys(agentEventRow({ eventId: '', ts: 0, agent: '', state: 'available' }, '')) as readonly string[];
export const CONTACT_COLUMNS = Object.keys(
	contactRowBuilder({ topics: [], shortAbandonSeconds: 0 })(
		{ contactId: '', channel: 'voice', topic: '', site: '', agent: '', queuedAt: 0, answeredAt: null, endedAt: 0, outcome: 'answered', waitMs: 0, talkMs: 0, holdMs: 0, wrapMs: 0 },
		''
	)
) as readonly string[];
export const REJECTED_COLUMNS = Object.keys(rejectedRow({ reason: 'legacy', detail: '', raw: '' }, '', '', '', 0)) as readonly string[];

/** A block of rows for one table, as TabSeparated text with its dedup token. */
export function tsvBlock(table: string, columns: readonly string[], token: string, rows: readonly Record<string, unknown>[]): Block {
	let tsv = '';
	for (const r of rows) tsv += tsvLine(r, columns) + '\n';
	return { table, columns, token, rows: rows.length, tsv };
}
