/**
 * A contact is stored once. `contacts` would collapse a second copy of a row (ReplacingMergeTree),
 * but the rollup views (contacts_15m, contacts_1h) add up every block inserted into it, and the
 * figures read them: a queue_log read again from its start because it grew (new content, new
 * source), or a backfill sent again under another stream, doubled every past day on the
 * dashboard while the drill-down (contacts FINAL) showed the right calls. So before a contacts
 * block is inserted, the contacts already stored in its hours are left out of it.
 *
 * This runs once per block, on its first write: the writer keeps the result in the spool, marked
 * (Block.filtered), and a retry or a replay after a crash sends exactly that, under the same
 * token. A first attempt killed after the table's part and before the views' then has its
 * replay add to the views what they missed (the table drops the repeat); filtering again would
 * find its contacts stored and leave the views short. A block written for the first time
 * leaves out everything stored, even under its own token: the same body sent again long after
 * has the same token, and the engine remembers only the last 10,000. The first version of a
 * contact wins: a later one with the same id (a corrected contact record) is dropped, where it
 * used to be counted twice. Two sources storing the same contact at the same moment could
 * still both pass.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../src/lib/server/clickhouse/sql.ts';
import type { Block } from './spool.ts';
import { tsvText } from './tsv.ts';

const HOUR_MS = 3_600_000;

/** The block without the contacts already stored (the same block when there are none). */
export async function withoutStoredContacts(db: ClickHouseClient, block: Block): Promise<Block> {
	if (block.table !== 'contacts' || block.rows === 0) return block;
	// :TRICKY: the rows are read only when some contact of these hours is stored: decoding and
	// splitting a batch's contacts to find their hours was 2% of the JavaScript of a file ingest.
	let lines: string[] | null = null;
	const rowsOf = (): string[] => {
		if (lines === null) {
			lines = block.tsv.split('\n');
			if (lines.at(-1) === '') lines.pop();
		}
		return lines;
	};
	const hours = block.hours ?? hoursOf(rowsOf(), block.columns.indexOf('queued_at'));
	const rows = await queryRows<{ contact_id: string }>(db, 'ingest/stored_contact_ids', {
		hours: hours.map((h) => new Date(h).toISOString().slice(0, 19).replace('T', ' '))
	});
	if (rows.length === 0) return block;
	// Compared as they are written in the block: escaped as TabSeparated text (rows.ts).
	const stored = new Set(rows.map((r) => tsvText(r.contact_id)));
	const idAt = block.columns.indexOf('contact_id');
	const all = rowsOf();
	const kept = all.filter((line) => !stored.has(field(line, idAt)));
	if (kept.length === all.length) return block;
	// A new block without a file of its own: it goes to the engine inline, under the same token.
	return { table: block.table, columns: block.columns, token: block.token, rows: kept.length, tsv: kept.length ? kept.join('\n') + '\n' : '' };
}

/** The start of the UTC hour an instant falls in (epoch ms). */
export function hourOf(ms: number): number {
	return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** The hours of the rows' queued_at (column `queuedAt`). */
function hoursOf(lines: string[], queuedAt: number): number[] {
	const hours = new Set<number>();
	for (const line of lines) hours.add(hourOf(Number(field(line, queuedAt))));
	return [...hours];
}

/** The `index`th tab-separated field of a line (escaped as written). */
function field(line: string, index: number): string {
	let from = 0;
	for (let i = 0; i < index; i++) from = line.indexOf('\t', from) + 1;
	const to = line.indexOf('\t', from);
	return to < 0 ? line.slice(from) : line.slice(from, to);
}
