/**
 * Content-derived event ids are stored (the key of call_events and agent_events) and travel in
 * checkpoints: a replay or a redelivery is recognised only if it gets the same id as before.
 * These are the ids since content ids moved from SHA-1 to MurmurHash3 (contentHash.ts; the first
 * is worked out from the reference implementation in contentHash.test.ts); a faster way to
 * compute them must give the same.
 */
import { describe, expect, it } from 'vitest';
import { parseNdjsonLine } from '../../../ingest/parsers/ndjson.ts';
import { parseQueueLogLine } from '../../../ingest/parsers/queueLog.ts';
import { stableId } from '../../../ingest/parsers/stableId.ts';
import type { NameMapping, ParseContext, ParsedRecord } from '../../../ingest/types.ts';

const mapping: NameMapping = { topicOfQueue: (q) => q, canonicalAgent: (a) => a, siteOfAgent: () => 'unknown' };
const ctx: ParseContext = { sourceId: 's', position: '', mapping, timeZone: 'Europe/Vilnius' };
const idOf = (records: ParsedRecord[]) => records.map((r) => (r.kind === 'call' || r.kind === 'agent' ? r.event.eventId : r.kind));

describe('event ids stay what they were', () => {
	it.each([
		['{"type":"call.queued","ts":1790000000000,"call_id":"c-1","topic":"pensions","channel":"voice"}', 'nd:a954807363eddeae2188'],
		['{"type":"call.answered","ts":"2026-11-24T08:00:05+02:00","call_id":"c-1","agent":"ona","site":"siauliai","wait_ms":5000}', 'nd:f2ae8859fb69c8418a26'],
		['{"type":"call.ended","ts":1790000065000,"call_id":"c-1","talk_ms":60000,"hold_ms":0,"simulated":true}', 'nd:5702cf670ef06bf6b4a8'],
		['{"type":"call.wait_announced","ts":1790000000000,"call_id":"c-2","estimate_s":120,"method":"erlang"}', 'nd:e0f9fb3d0fa9036540ca'],
		['{"type":"call.left","ts":1790000000000,"call_id":"Šiauliai 😀","wait_ms":1,"reason":"key 5"}', 'nd:94490cbd35488529e4fb'],
		['{"type":"agent.state","ts":1790000000000,"agent":"ona","state":"not_ready","reason":"break","topics":["a","b"]}', 'nd:648564f24266c94c4e5a']
	])('ndjson %s', (line, id) => {
		expect(idOf(parseNdjsonLine(line, ctx))).toEqual([id]);
	});

	it.each([
		['1790000000|1658814295.10|pensions|NONE|ENTERQUEUE||37060000000|1', ['ql:9733d2de5dbae5359405']],
		['1790000010|1658814295.10|pensions|SIP/1001|CONNECT|10|1658814295.11|2', ['ql:1aefa17ffe420bff3e3f']],
		['1790000010|NONE|pensions|SIP/1001|ADDMEMBER|PAUSED', ['qla:d5d780b53593ba2c518a', 'qla:4ebac9c6c577c8c1d1d3']]
	])('queue_log %s', (line, ids) => {
		expect(idOf(parseQueueLogLine(line, ctx))).toEqual(ids);
	});

	it('stableId: prefix and the first 80 bits of MurmurHash3 x86_128 over the parts joined by U+001F', () => {
		expect(stableId('x', 'a', 1, '')).toBe('x:0e5f2dfb3a993b1199d5');
	});
});
