/**
 * Inserts a spooled batch: each block with its own insert_deduplication_token, then the
 * checkpoint. Errors are classed: a connection or server problem is retried with capped
 * exponential backoff and jitter; bad data (which the parsers should have caught) is not
 * retried forever: the block's rows go to rejected_records with the engine's message.
 */
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import type { Block, Checkpoint, SpoolEntry } from './spool.ts';
import { withoutStoredContacts } from './storedContacts.ts';

export type ErrorClass = 'unavailable' | 'transient' | 'bad_data';

// ClickHouse error codes that mean the data itself is unacceptable.
const BAD_DATA_CODES = new Set(['6', '26', '27', '38', '41', '53', '62', '69', '70', '72', '117', '131', '321', '344']);

export function classify(e: unknown): ErrorClass {
	const err = e as { code?: string | number; message?: string };
	const code = err.code === undefined ? '' : String(err.code);
	if (BAD_DATA_CODES.has(code) || /Cannot parse|CANNOT_PARSE|TYPE_MISMATCH|Cannot read all data/i.test(err.message ?? ''))
		return 'bad_data';
	if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ETIMEDOUT|socket hang up|Timeout error|fetch failed|closed/i.test(`${code} ${err.message}`))
		return 'unavailable';
	return 'transient';
}

/** Delay before retry `attempt` (0-based): 250 ms doubling to 30 s, with full jitter. */
export function backoffMs(attempt: number, random = Math.random): number {
	const cap = Math.min(30_000, 250 * 2 ** attempt);
	return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * How blocks reach the engine. Embedded ClickHouse shares our disk and reads a block's spool
 * file itself through file() with parallel parsing: 3× faster than the same rows inline
 * (100k call events: 114 ms against 342 ms). A server gets the text inline after the
 * statement. Either way the text is the one spooled, serialized once. Table and column
 * names are ours, never input.
 */
export type BlockTransport = { fromFiles: boolean; types: (table: string) => Promise<Map<string, string>> };

/*
 * :TRICKY: optimize_on_insert off. By default the engine merges every inserted block as a
 * background merge would, collapsing rows with the same key; ours have none to collapse (recent
 * ids drop a repeated event, a batch keeps one version of a contact, the rollup views group by
 * their key), and that pass was 40% of the engine's CPU for call_events (360k events: 300 ms
 * against 420-510 ms). Merges and FINAL still collapse versions across blocks.
 */
export async function insertBlock(db: ClickHouseClient, block: Block, via?: BlockTransport): Promise<void> {
	if (block.rows === 0) return;
	const settings: ClickHouseSettings = { insert_deduplication_token: block.token, optimize_on_insert: 0 };
	if (via?.fromFiles && block.file) {
		const types = await via.types(block.table);
		const structure = block.columns.map((c) => `${c} ${fileType(types.get(c)!)}`).join(', ');
		await db.command({
			query: `INSERT INTO ${block.table} (${block.columns.join(', ')}) SELECT * FROM file({path:String}, 'TabSeparated', {structure:String})`,
			query_params: { path: block.file, structure },
			clickhouse_settings: settings
		});
		return;
	}
	await db.command({
		query: `INSERT INTO ${block.table} (${block.columns.join(', ')}) FORMAT TabSeparated\n${block.tsv}`,
		clickhouse_settings: settings
	});
}

/**
 * The type a column is read from a spool file as. :TRICKY: reading LowCardinality straight
 * from file() builds a dictionary per parsing thread and merges them; reading plain String and
 * letting the insert convert is faster (360k call events: 350 ms against 550 ms).
 */
export function fileType(type: string): string {
	return type.replaceAll(/LowCardinality\(([^()]*)\)/g, '$1');
}

/** Column types of our tables, read once from the engine (for file() structures). */
export function columnTypes(db: ClickHouseClient): (table: string) => Promise<Map<string, string>> {
	const cache = new Map<string, Promise<Map<string, string>>>();
	return (table) => {
		let types = cache.get(table);
		if (!types) {
			types = db
				.query({ query: 'DESCRIBE TABLE {table:Identifier}', query_params: { table }, format: 'JSONEachRow' })
				.then((rs) => rs.json<{ name: string; type: string }>())
				.then((rows) => new Map(rows.map((r) => [r.name, r.type])));
			types.catch(() => cache.delete(table));
			cache.set(table, types);
		}
		return types;
	};
}

export async function saveCheckpoint(db: ClickHouseClient, cp: Checkpoint): Promise<void> {
	await db.insert({
		table: 'ingest_checkpoints',
		values: [{ source_id: cp.sourceId, position: cp.position, state: cp.state, updated_at: Date.now() }],
		format: 'JSONEachRow'
	});
}

/**
 * Inserts a block; when the engine refuses it as bad data, splits it in halves (tokens
 * derived from the parent's, so retries stay deterministic) down to the single rows it
 * refuses, which go to `onBadData`. Other errors propagate for retry.
 */
async function insertOrBisect(
	db: ClickHouseClient,
	block: Block,
	onBadData: (block: Block, message: string) => Promise<void>,
	via?: BlockTransport
): Promise<void> {
	try {
		await insertBlock(db, block, via);
	} catch (e) {
		if (classify(e) !== 'bad_data') throw e;
		if (block.rows <= 1) return onBadData(block, (e as Error).message);
		const lines = block.tsv.split('\n').filter((l) => l !== '');
		const mid = lines.length >> 1;
		// Halves go inline (no file of their own); the tokens derive from the parent's.
		const half = (part: string[], tag: string): Block => ({
			table: block.table,
			columns: block.columns,
			token: `${block.token}|${tag}`,
			rows: part.length,
			tsv: part.join('\n') + '\n'
		});
		await insertOrBisect(db, half(lines.slice(0, mid), 'a'), onBadData);
		await insertOrBisect(db, half(lines.slice(mid), 'b'), onBadData);
	}
}

/** Keeps a block's checked rows where a retry or a replay will find them (Spool.settle). */
export type Settle = (index: number, block: Block, changed: boolean) => Block;

/**
 * Writes one entry's blocks and checkpoint; throws a classed error on failure. A contacts block
 * is checked against the contacts stored once, on its first write, and the result kept
 * (`settle`, and the entry itself for a retry in this process): see storedContacts.ts.
 */
export async function writeEntry(
	db: ClickHouseClient,
	entry: SpoolEntry,
	onBadData: (block: Block, message: string) => Promise<void>,
	via?: BlockTransport,
	settle: Settle = (_i, block) => Object.assign(block, { filtered: true })
): Promise<void> {
	for (const [i, block] of entry.blocks.entries()) {
		let next = block;
		if (block.table === 'contacts' && !block.filtered) {
			const kept = await withoutStoredContacts(db, block);
			next = entry.blocks[i] = settle(i, kept, kept !== block);
		}
		await insertOrBisect(db, next, onBadData, via);
	}
	if (entry.checkpoint) await saveCheckpoint(db, entry.checkpoint);
}
