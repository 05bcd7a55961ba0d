/**
 * The call events of batches a writer has just inserted, read back from the blocks' own text
 * (ingest/tsv.ts) rather than from ClickHouse: what the EWT service's queues take in memory
 * (ewtService.ts applyInserted). Only events at or after `minTsMs` are read whole: a backfill of
 * years costs a look at each line's time, not a parse of it; `older` counts the others.
 */
import type { Block } from '../../../../ingest/spool.ts';
import { tsvUnescape } from '../../../../ingest/tsv.ts';
import type { CallEventRow } from './queueFeed.ts';

export function insertedCallEvents(blocks: readonly Pick<Block, 'table' | 'columns' | 'tsv' | 'rows'>[], minTsMs: number): { events: CallEventRow[]; older: number } {
	const out: CallEventRow[] = [];
	/** Lines before `minTsMs`, not read whole. */
	let older = 0;
	for (const block of blocks) {
		if (block.table !== 'call_events' || block.rows === 0) continue;
		const col = (name: string) => block.columns.indexOf(name);
		const at = {
			id: col('event_id'), ts: col('ts'), call: col('call_id'), type: col('type'), channel: col('channel'), topic: col('topic'),
			wait: col('wait_ms'), talk: col('talk_ms'), hold: col('hold_ms'), wrap: col('wrap_ms'), simulated: col('simulated'), announced: col('announced_wait_s')
		};
		const text = block.tsv;
		for (let start = 0; start < text.length; ) {
			let end = text.indexOf('\n', start);
			if (end < 0) end = text.length;
			const line = text.slice(start, end);
			start = end + 1;
			if (line === '') continue;
			// The time first (a field of digits, never escaped): most of a backfill stops here.
			const tsMs = Number(fieldAt(line, at.ts));
			if (!(tsMs >= minTsMs)) {
				older++;
				continue;
			}
			const f = line.split('\t');
			const text_ = (i: number) => (i < 0 ? '' : (tsvUnescape(f[i] ?? '') ?? ''));
			const num = (i: number) => (i < 0 ? 0 : Number(f[i] ?? 0));
			const announced = at.announced < 0 ? null : tsvUnescape(f[at.announced] ?? '\\N');
			out.push({
				event_id: text_(at.id),
				ts_ms: tsMs,
				call_id: text_(at.call),
				type: text_(at.type),
				channel: text_(at.channel),
				topic: text_(at.topic),
				wait_ms: num(at.wait),
				talk_ms: num(at.talk),
				hold_ms: num(at.hold),
				wrap_ms: num(at.wrap),
				simulated: num(at.simulated),
				announced_wait_s: announced === null ? null : Number(announced)
			});
		}
	}
	return { events: out, older };
}

/** The field at `index` of a TabSeparated line, as it stands (escaped). */
function fieldAt(line: string, index: number): string {
	let from = 0;
	for (let i = 0; i < index; i++) {
		from = line.indexOf('\t', from) + 1;
		if (from === 0) return '';
	}
	const to = line.indexOf('\t', from);
	return line.slice(from, to < 0 ? line.length : to);
}
