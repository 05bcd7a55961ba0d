/**
 * 10,000 random and truncated lines per format: the worker never crashes, every malformed
 * record lands in rejected_records with a reason, and the valid calls between them get in.
 * Once parsed on the pipeline's own thread and once on the parse worker (sources/parseWorker.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath } from '../helpers/ingest.ts';
import { seeded } from '../helpers/random.ts';
import { queryRows } from '../../src/lib/server/clickhouse/sql.ts';
import type { FormatName } from '../../ingest/types.ts';
import { isRejectReason } from '../../ingest/parsers/rejectReasons.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
});
afterAll(async () => db.close());

const LINES = 10_000;
const VALID_CALLS = 50;

/** Complete valid calls in each format; call i (ids `${p}-i`) is answered after 10 s and talks 60 s. */
const validCall: Record<string, (i: number, p: string) => string[]> = {
	ndjson: (i, p) => {
		const t = Date.parse('2026-11-02T08:00:00Z') + i * 600_000;
		return [
			`{"type":"call.queued","ts":${t},"call_id":"${p}-${i}","topic":"pensions"}`,
			`{"type":"call.answered","ts":${t + 10_000},"call_id":"${p}-${i}","agent":"ona","site":"siauliai"}`,
			`{"type":"call.ended","ts":${t + 70_000},"call_id":"${p}-${i}","talk_ms":60000,"hold_ms":0}`,
			`{"type":"call.wrapup_ended","ts":${t + 80_000},"call_id":"${p}-${i}","wrap_ms":10000}`
		];
	},
	'queue-log': (i, p) => {
		const t = 1793606400 + i * 600;
		return [
			`${t}|${p}-${i}.1|pensions|NONE|ENTERQUEUE||37060000000|1`,
			`${t + 10}|${p}-${i}.1|pensions|Ona|CONNECT|10|${p}-${i}.2|2`,
			`${t + 70}|${p}-${i}.1|pensions|Ona|COMPLETECALLER|10|60|1`
		];
	},
	'cdr-csv': (i, p) => {
		const start = `2026-11-02 ${String(8 + Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}:00`;
		const answer = start.replace(/:00$/, ':10');
		const end = start.replace(/(\d\d):00$/, (_, m) => `${String(Number(m) + 1).padStart(2, '0')}:10`);
		return [`"","37060000${i}","500","from-queue","""Caller"" <37060000${i}>","SIP/trunk-${i}","SIP/1001-0000${i}","Queue","pensions,t,,,300","${start}","${answer}","${end}",70,60,"ANSWERED","DOCUMENTATION","${p}-${i}.1",""`];
	}
};

function garbage(rand: () => number, valid: string[]): string {
	const kind = Math.floor(rand() * 6);
	const pick = valid[Math.floor(rand() * valid.length)]!;
	switch (kind) {
		case 0: // truncated valid line
			return pick.slice(0, Math.floor(rand() * pick.length));
		case 1: // random bytes, NUL and invalid UTF-8 included, no newline
			return Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 120) }, () => Math.floor(rand() * 256)).map((b) => (b === 10 ? 32 : b))).toString('latin1');
		case 2: // a valid line with one character changed
			return pick.replace(/\d/, 'x');
		case 3: // random JSON
			return JSON.stringify({ type: ['call.queued', 'nope', 7][Math.floor(rand() * 3)], ts: rand() > 0.5 ? 'yesterday' : 12, call_id: 42 });
		case 4: // a field separator storm
			return '|'.repeat(Math.floor(rand() * 12)) + ','.repeat(Math.floor(rand() * 25));
		default: // a very long line
			return 'x'.repeat(70_000 + Math.floor(rand() * 1000));
	}
}

const MODES = [
	['on its own thread', false],
	['on the parse worker', true]
] as const;

describe.each(Object.keys(validCall).flatMap((format) => MODES.map(([mode, inWorker]) => [format, mode, inWorker] as const)))('%s: 10,000 malformed lines, parsed %s', (format, _mode, inWorker) => {
	it('never crash the worker; every rejected record is kept with a reason; valid calls get in', async () => {
		// Each mode its own file and calls (the same content would be recognised as done).
		const ok = inWorker ? 'okw' : 'ok';
		const rand = seeded(format.length * 7919 + (inWorker ? 1 : 0));
		const valid = Array.from({ length: VALID_CALLS }, (_, i) => validCall[format]!(i, ok));
		// Garbage is cut from decoy calls: a truncated valid line can itself be valid
		// ("…|COMPLETECALLER|10|6"), and must not be mistaken for the checked calls' data.
		const decoys = Array.from({ length: VALID_CALLS }, (_, i) => validCall[format]!(1000 + i, ok)).flat();
		const lines: string[] = [];
		let next = 0;
		for (let i = 0; i < LINES; i++) {
			if (i % Math.floor(LINES / VALID_CALLS) === 0 && next < VALID_CALLS) lines.push(...valid[next++]!);
			lines.push(garbage(rand, decoys));
		}
		const path = join(db.dir, `garbage.${format}`);
		writeFileSync(path, lines.join('\n') + '\n', 'latin1');
		const label = `garbage-${format}${inWorker ? '-worker' : ''}`;
		const result = await ingestPath(db.store.client, db.config, path, format as FormatName, label, inWorker);

		expect(result.rejected).toBeGreaterThan(LINES / 3);
		const [stored] = await queryRows<{ n: number }>(db.store.client, 'test/rejected_by_source', { source: label });
		expect(stored?.n).toBe(result.rejected); // nothing rejected is lost
		const reasons = await queryRows<{ reason: string; detail: string; raw: string; position: string }>(db.store.client, 'test/rejected_sample', { source: label });
		for (const r of reasons) {
			expect(isRejectReason(r.reason)).toBe(true);
			expect(r.detail.length).toBeGreaterThan(5);
			expect(r.reason).not.toBe('refused_by_database'); // parsers catch it before the engine has to
			expect(r.position).toMatch(new RegExp(`garbage\\.${format}:\\d+`));
		}
		// The 50 valid calls between the garbage all became answered contacts with their talk time.
		const calls = await queryRows<{ answered: number; talk_ms: number }>(db.store.client, 'test/ok_calls', { source: label });
		expect(calls[0]).toEqual({ answered: VALID_CALLS, talk_ms: VALID_CALLS * 60_000 });
	}, 60_000);
});
