/**
 * Writes the live path's call and consultant events through the ingest writer (spool first,
 * then ClickHouse), without the assembler: contacts come from the detail records only (see
 * live.ts). Event ids are stable and the live queries count by event id, so a notification
 * repeated, or a batch written twice, changes nothing. Batches are cut every `flushMs`.
 */
import { createHash } from 'node:crypto';
import type { IngestWriter } from '../../ingestWriter.ts';
import { AGENT_EVENT_COLUMNS, CALL_EVENT_COLUMNS, agentEventLine, callEventLine, sourceField } from '../../rows.ts';
import type { Block } from '../../spool.ts';
import type { AgentEvent, CallEvent } from '../../types.ts';

export class LiveWriter {
	readonly #writer: IngestWriter;
	readonly #source: string;
	readonly #sourceId: string;
	#calls: string[] = [];
	#agents: string[] = [];
	#timer: NodeJS.Timeout | null = null;
	readonly #flushMs: number;
	readonly #log: (line: string) => void;
	#writing: Promise<unknown> = Promise.resolve();

	constructor(writer: IngestWriter, opts: { label: string; sourceId: string; flushMs: number; log: (line: string) => void }) {
		this.#log = opts.log;
		this.#writer = writer;
		this.#source = sourceField(opts.label);
		this.#sourceId = opts.sourceId;
		this.#flushMs = opts.flushMs;
	}

	add(calls: CallEvent[], agents: AgentEvent[] = []): void {
		for (const e of calls) this.#calls.push(callEventLine(e, this.#source));
		for (const e of agents) this.#agents.push(agentEventLine(e, this.#source));
		if ((calls.length || agents.length) && !this.#timer) {
			this.#timer = setTimeout(() => void this.flush(), this.#flushMs);
			this.#timer.unref();
		}
	}

	/** Commits what is waiting; resolves once it is durable (inserted or spooled). */
	flush(): Promise<unknown> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const blocks: Block[] = [];
		if (this.#calls.length) blocks.push(this.#block('call_events', CALL_EVENT_COLUMNS, this.#calls));
		if (this.#agents.length) blocks.push(this.#block('agent_events', AGENT_EVENT_COLUMNS, this.#agents));
		this.#calls = [];
		this.#agents = [];
		if (blocks.length === 0) return this.#writing;
		this.#writing = this.#writing.then(() => this.#writer.commit({ sourceId: this.#sourceId, blocks, checkpoint: null }, 5_000)).catch((e: unknown) => this.#log(`genesys: live events not written: ${(e as Error).message}`));
		return this.#writing;
	}

	#block(table: string, columns: readonly string[], lines: string[]): Block {
		const tsv = lines.join('\n') + '\n';
		// The token is the content's: the same lines again are the same block, other lines never are.
		const token = `${this.#sourceId}|${createHash('sha256').update(tsv).digest('hex').slice(0, 32)}|${table}`;
		return { table, columns, token, rows: lines.length, tsv };
	}
}
