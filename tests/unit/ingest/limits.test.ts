/**
 * Issue #14 item 7: the longest wait a record may carry fits its channel (hours for calls and
 * chat, a year for written work and callbacks), and a refusal says so as a class, with the
 * value in the detail. The parser, the JSON Schema for integrators and the docs agree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { parseNdjsonLine } from '../../../ingest/parsers/ndjson.ts';
import type { ParseContext, ParsedRecord } from '../../../ingest/types.ts';
import { testMapping } from '../../helpers/mapping.ts';

const ctx: ParseContext = { sourceId: 'test', position: 'line 1', mapping: testMapping({}, {}, {}), timeZone: 'Europe/Vilnius' };
const schema = JSON.parse(readFileSync(new URL('../../../ingest/schema/canonical-event.schema.json', import.meta.url), 'utf8'));
const valid = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(schema);
const DAY = 86_400_000;

const parse = (o: Record<string, unknown>): ParsedRecord => {
	const r = parseNdjsonLine(JSON.stringify(o), ctx);
	expect(r).toHaveLength(1);
	return r[0]!;
};

/** An answered contact of `channel` that waited `waitMs`. */
function contact(channel: string, waitMs: number) {
	const queued = Date.parse('2026-09-01T07:00:00Z');
	return {
		type: 'contact', contact_id: `c-${channel}-${waitMs}`, channel, topic: 'pensions', agent: 'ona',
		queued_at: queued, answered_at: queued + waitMs, ended_at: queued + waitMs + 60_000, outcome: 'answered',
		wait_ms: waitMs, talk_ms: 60_000, hold_ms: 0, wrap_ms: 0
	};
}

describe('wait limits by channel', () => {
	it.each([
		['einquiry', 53 * DAY],
		['email', 200 * DAY],
		['callback', 40 * DAY],
		['voice', 3 * 3600_000],
		['chat', 3 * 3600_000]
	])('a %s contact that waited %i ms is stored', (channel, waitMs) => {
		const line = contact(channel, waitMs);
		const r = parse(line);
		expect(r.kind).toBe('contact');
		expect(r.kind === 'contact' && r.contact.waitMs).toBe(waitMs);
		expect(valid(line)).toBe(true);
	});

	it.each([
		['voice', 5 * 3600_000, '4 hours'],
		['chat', 5 * 3600_000, '4 hours'],
		['einquiry', 400 * DAY, '366 days']
	])('a %s contact that waited %i ms is refused as a wait longer than the channel allows', (channel, waitMs, limit) => {
		const line = contact(channel, waitMs);
		const r = parse(line);
		if (r.kind !== 'rejected') throw new Error(`expected a rejection, got ${r.kind}`);
		expect(r.rejected.reason).toBe('wait_too_long');
		expect(r.rejected.detail).toContain(`"wait_ms" ${waitMs}`);
		expect(r.rejected.detail).toContain(limit);
		expect(valid(line)).toBe(false);
	});

	it('a call event carries a phone queue wait: over 4 hours is refused, by the schema too', () => {
		const line = { type: 'call.answered', ts: Date.parse('2026-09-01T07:00:00Z'), call_id: 'c1', agent: 'ona', wait_ms: 5 * 3600_000 };
		const r = parse(line);
		expect(r.kind === 'rejected' && r.rejected.reason).toBe('wait_too_long');
		expect(valid(line)).toBe(false);
		expect(parse({ ...line, wait_ms: 3 * 3600_000 }).kind).toBe('call');
	});

	it('talk, hold and wrap-up over 7 days are their own class', () => {
		const r = parse({ ...contact('voice', 1000), wrap_ms: 7 * DAY + 1 });
		expect(r.kind === 'rejected' && r.rejected).toMatchObject({ reason: 'duration_too_long', detail: expect.stringContaining('"wrap_ms" 604800001') });
	});

	it('the docs state the limits', () => {
		const doc = readFileSync(new URL('../../../docs/canonical-events.md', import.meta.url), 'utf8');
		expect(doc).toMatch(/4 hours/);
		expect(doc).toMatch(/366 days/);
	});
});

describe('rejected records carry a class and a detail', () => {
	it.each([
		['not json', 'not_json'],
		['[1,2]', 'not_json'],
		['{"type":"call.transferred","ts":1795500000000,"call_id":"x"}', 'unknown_type'],
		['{"type":"call.queued","ts":1795500000000,"topic":"x"}', 'missing_field'],
		['{"type":"call.queued","ts":1795500000000,"call_id":17,"topic":"x"}', 'wrong_type'],
		['{"type":"call.queued","ts":"2026-11-24 08:00","call_id":"x","topic":"x"}', 'bad_time'],
		['{"type":"call.abandoned","ts":1795500000000,"call_id":"x","wait_ms":-1}', 'bad_number']
	])('%s → %s', (line, reason) => {
		const r = parseNdjsonLine(line, ctx)[0]!;
		if (r.kind !== 'rejected') throw new Error(`expected a rejection, got ${r.kind}`);
		expect(r.rejected.reason).toBe(reason);
		expect(r.rejected.detail.length).toBeGreaterThan(5);
		expect(r.rejected.raw).toBe(line);
	});
});
