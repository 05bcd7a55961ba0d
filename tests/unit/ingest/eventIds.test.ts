/**
 * Content-derived event ids are stored (the key of call_events and agent_events) and travel in
 * checkpoints: a replay or a redelivery is recognised only if it gets the same id as before.
 * These are the ids earlier versions gave, except NDJSON call events', which moved from SHA-1 to
 * MurmurHash3 in November 2026 (contentHash.ts; worked out from the reference implementation in
 * contentHash.test.ts). A faster way to compute any of them must give the same.
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
		['{"type":"agent.state","ts":1790000000000,"agent":"ona","state":"not_ready","reason":"break","topics":["a","b"]}', 'nd:e2cc39158bc1d86cf21c']
	])('ndjson %s', (line, id) => {
		expect(idOf(parseNdjsonLine(line, ctx))).toEqual([id]);
	});

	it.each([
		['1790000000|1658814295.10|pensions|NONE|ENTERQUEUE||37060000000|1', ['ql:014061b8c9bb76c9e7d3']],
		['1790000010|1658814295.10|pensions|SIP/1001|CONNECT|10|1658814295.11|2', ['ql:4aa1001281285631dbc3']],
		['1790000010|NONE|pensions|SIP/1001|ADDMEMBER|PAUSED', ['qla:9ab5df8cffe6fa476385', 'qla:32a44ce3df1ae476e7e5']]
	])('queue_log %s', (line, ids) => {
		expect(idOf(parseQueueLogLine(line, ctx))).toEqual(ids);
	});

	it('stableId: prefix and the first 80 bits of SHA-1 over the parts joined by U+001F', () => {
		expect(stableId('x', 'a', 1, '')).toBe('x:fed5b10aa1e1918ab224');
	});
});
