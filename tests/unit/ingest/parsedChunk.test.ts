/**
 * Records cross from the parse worker to the pipeline as ParsedChunks (ingest/sources/
 * parsedChunk.ts). Every line of every line-format fixture, the broken ones included, parsed
 * here and sent through a chunk (and the structured clone postMessage makes of it) must arrive
 * as the same records, in the same order, with the same positions for the rejected ones.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FORMATS } from '../../../ingest/formats.ts';
import { nameMapping } from '../../../ingest/mapping.ts';
import { ChunkEncoder, decodeChunk, transferList, type ParsedChunk } from '../../../ingest/sources/parsedChunk.ts';
import { newCallEvent, type FormatName, type ParsedRecord } from '../../../ingest/types.ts';
import { loadConfig } from '../../../src/lib/server/config/index.ts';

const config = loadConfig({});
const fixture = (p: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url)), 'utf8');
const shared = (p: string) => readFileSync(fileURLToPath(new URL(`../../../../shared/samples/${p}`, import.meta.url)), 'utf8');

const FILES: [FormatName, string, () => string][] = [
	['ndjson', 'valid.ndjson', () => fixture('ndjson/valid.ndjson')],
	['ndjson', 'broken.ndjson', () => fixture('ndjson/broken.ndjson') + '\n\n   \n'],
	['queue-log', 'queue_log-20220801', () => shared('asterisk/queue_log-20220801')],
	['queue-log-csv', 'queue_log-realtime.csv', () => fixture('queue-log/queue_log-realtime.csv')],
	['cdr-csv', 'Master.csv', () => fixture('cdr/Master.csv')],
	['cdr-csv', 'malformed.csv', () => fixture('cdr/malformed.csv')]
];

type Taken = { records: ParsedRecord[]; position: string };

/** Parses `lines` as the pipeline would on its own thread: records with their line's position when rejected. */
function direct(format: FormatName, name: string, lines: string[]): { taken: Taken[]; ignored: number } {
	const spec = FORMATS[format];
	if (spec.kind !== 'lines') throw new Error('line formats only');
	const parse = spec.create();
	const ctx = { sourceId: 's', position: '', mapping: nameMapping(config), timeZone: config.pbxTimeZone };
	const taken: Taken[] = [];
	let ignored = 0;
	lines.forEach((line, i) => {
		const records = parse(line, ctx);
		if (records.length === 0 && line.trim() !== '') ignored++;
		for (const r of records) taken.push({ records: [r], position: r.kind === 'rejected' ? `${name}:${i + 1}` : '' });
	});
	return { taken, ignored };
}

/** The same lines through chunks of `perChunk` lines, cloned as postMessage would. */
function viaChunks(format: FormatName, name: string, lines: string[], perChunk: number): { taken: Taken[]; ignored: number; chunks: ParsedChunk[] } {
	const spec = FORMATS[format];
	if (spec.kind !== 'lines') throw new Error('line formats only');
	const parse = spec.create();
	const ctx = { sourceId: 's', position: '', mapping: nameMapping(config), timeZone: config.pbxTimeZone };
	const encoder = new ChunkEncoder(4);
	const chunks: ParsedChunk[] = [];
	lines.forEach((line, i) => {
		encoder.addLine(parse(line, ctx), line, name, i + 1);
		if (encoder.lines === perChunk || i === lines.length - 1) {
			const chunk = encoder.take(i * 10, i + 1);
			chunks.push(structuredClone(chunk, { transfer: transferList(chunk) }));
		}
	});
	const taken: Taken[] = [];
	let ignored = 0;
	for (const chunk of chunks) {
		ignored += chunk.ignored;
		// One record per entry, as `direct` gives them: the grouping of runs is not the point.
		decodeChunk(chunk, (records, position) => {
			for (const r of records) taken.push({ records: [r], position });
		});
	}
	return { taken, ignored, chunks };
}

describe('parsed chunks', () => {
	it.each(FILES)('%s %s: the same records, positions and ignored lines, whatever the chunk size', (format, name, read) => {
		const lines = read().split('\n');
		const want = direct(format, name, lines);
		expect(want.taken.length).toBeGreaterThan(3);
		for (const perChunk of [1, 3, 1024]) {
			const got = viaChunks(format, name, lines, perChunk);
			expect(got.taken).toStrictEqual(want.taken);
			expect(got.ignored).toBe(want.ignored);
			expect(got.chunks.reduce((n, c) => n + c.lines, 0)).toBe(lines.length);
		}
	});

	it('a call event with every field, and with none of the optional ones, comes back as it went', () => {
		const full = newCallEvent('wait_announced', 1_790_000_000_123, 'Šiauliai 😀\t1');
		Object.assign(full, {
			eventId: 'ivr-000123',
			channel: 'callback',
			topic: 'pensions',
			site: 'siauliai',
			agent: 'ona',
			waitMs: 0,
			talkMs: 61_000,
			holdMs: 7,
			wrapMs: 604_800_000,
			announcedWaitS: 95,
			estimateMethod: '',
			reason: 'key \ud800 5',
			simulated: false
		});
		const bare = newCallEvent('pbx_other', 946_684_800_000, 'x');
		bare.eventId = 'nd:0';
		const records: ParsedRecord[] = [
			{ kind: 'call', event: full },
			{ kind: 'ignored', why: 'empty line' },
			{ kind: 'call', event: bare },
			{ kind: 'rejected', rejected: { reason: 'not_json', detail: 'bad', raw: 'x\u0000y' } },
			{ kind: 'call', event: { ...newCallEvent('queued', 1, 'y'), eventId: 'e', simulated: true } }
		];
		const encoder = new ChunkEncoder(1);
		encoder.addLine(records, 'line', 'f', 7);
		const chunk = structuredClone(encoder.take(99, 7));
		const got: Taken[] = [];
		decodeChunk(chunk, (rs, position) => got.push({ records: rs, position }));
		expect(got).toStrictEqual([
			{ records: records.slice(0, 3), position: '' },
			{ records: [records[3]], position: 'f:7' },
			{ records: [records[4]], position: '' }
		]);
		expect(chunk).toMatchObject({ end: 99, lineNo: 7, lines: 1, ignored: 0 });
	});
});
