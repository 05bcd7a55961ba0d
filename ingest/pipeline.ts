/**
 * One ingest source (a file, a followed log, an API stream): parses its records, assembles
 * contacts, and cuts batches. Each batch becomes one spool entry whose blocks carry
 * insert_deduplication_tokens derived from the source and its positions, with the
 * checkpoint (position + assembler state) that follows it.
 */
import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../src/lib/server/clickhouse/sql.ts';
import type { Config } from '../src/lib/server/config/schema.ts';
import { WorkingCalendar } from '../src/lib/server/calendar/workingDays.ts';
import { Assembler, STALE_MS, type AssemblerState } from './assemble/assembler.ts';
import { FORMATS, type FormatSpec } from './formats.ts';
import { nameMapping } from './mapping.ts';
import {
	AGENT_EVENT_COLUMNS,
	CALL_EVENT_COLUMNS,
	CONTACT_COLUMNS,
	REJECTED_COLUMNS,
	agentEventLine,
	callEventLine,
	contactLineBuilder,
	sourceField,
	tsvBlock
} from './rows.ts';
import { TsvLines, tsvText } from './tsv.ts';
import { formatPosition } from './sources/lineSplitter.ts';
import type { Block, SpoolEntry } from './spool.ts';
import type { CommitResult, IngestWriter } from './ingestWriter.ts';
import { ingestMetrics } from './metrics.ts';
import { RejectedBatch } from './rejectedBatch.ts';
import { RecentIds } from './recentIds.ts';
import { stableId } from './parsers/stableId.ts';
import { hourOf } from './storedContacts.ts';
import { newCallEvent, type ContactRecord, type FormatName, type LineParser, type NameMapping, type ParseContext, type ParsedRecord } from './types.ts';

export type Counts = { accepted: number; duplicates: number; rejected: number; ignored: number };

export type PipelineOptions = {
	/** Checkpoint key: stable identity of the source. */
	sourceId: string;
	/** Short name stored with every row (`source` column): file name, API token name. */
	label: string;
	format: FormatName;
	config: Config;
	writer: IngestWriter;
	/** Cut a batch at this many records. */
	batchSize?: number;
	/**
	 * How many recent event ids are kept to recognise redeliveries. API streams need a wide
	 * window (a webhook resends minutes later); a file is known by its content, so a small one
	 * does, and a large one costs a tenth of the ingest time (hashing into big Sets).
	 */
	recentWindow?: number;
	/**
	 * Fill the recent ids, at open, with what this source (by label) stored in the last
	 * RECENT_PRELOAD_MS of event time. API streams need it: without it a restart forgot them, and
	 * a webhook redelivering events of a call completed more than an hour before (the assembler
	 * remembers completed calls that long) opened the call again and counted it twice.
	 */
	preloadRecent?: boolean;
	/** Bulk batch sizes for bulkReady, in batch sizes (DEFAULT_BULK unless given). */
	bulk?: { min: number; max: number };
	/**
	 * Report the events of contacts the stored-contacts check left out (storedContacts.ts) as
	 * duplicates, not accepted: an API caller is told what was stored now. Costs a map entry per
	 * call a batch, so only API streams ask.
	 */
	countStored?: boolean;
};

/** How far back (event time) a stream's stored ids are read when it opens; see preloadRecent. */
const RECENT_PRELOAD_MS = 7 * 86_400_000;

/**
 * `heard`: when (wall clock) the stream last sent records, and its time then (see streamClock).
 * Checkpoints written before it have none.
 */
type SavedState = { assembler: AssemblerState; extra?: unknown; held?: ContactRecord[]; heard?: { at: number; ts: number } };

/**
 * A stream is live when, the last time it sent anything, its newest event was at most this far
 * behind the wall clock: a connector sending every few minutes, a followed log. Its time then
 * runs on with the wall clock between sends. A backfill, or a connector catching up hours late,
 * is not live: its time is its own events' (see streamClock).
 */
export const LIVE_LAG_MS = 15 * 60_000;

/** A contact row as its TabSeparated line, with what batch deduplication compares. */
type ContactLine = { id: string; answered: boolean; line: string };

/**
 * Asterisk 12+ writes one CDR per ringing consultant, all with the call's id, and they need
 * not fall in one batch. CDR contacts are therefore held until no more rows of the call can
 * be expected (this long after the call ended, by the file's own clock, or the end of the
 * file), merged (the answered row preferred) and released once.
 */
const CDR_SETTLE_MS = 10 * 60_000;

/** Recent ids kept per source unless it says otherwise (API streams: days of this centre's events). */
const DEFAULT_RECENT_WINDOW = 200_000;

/**
 * Bulk batches, in batch sizes: at least `min`, and up to `max` while the previous one is being
 * inserted. Sources that let the writer run between lines leave it idle sooner; cut at one batch
 * size whenever it was idle, batches stayed small and each cost the engine its fixed share again
 * (ndjson bench, parsed on the main thread, interleaved runs: 202k events/s at 1×, 199k at 2×,
 * 214k at 4×). See PipelineOptions.bulk for files.
 */
export const DEFAULT_BULK = { min: 4, max: 8 };

export class SourcePipeline {
	readonly opts: PipelineOptions;
	readonly #spec: FormatSpec;
	readonly #parseLine: LineParser | null;
	readonly #ctx: ParseContext;
	readonly #assembler: Assembler;
	readonly #contactLine: ReturnType<typeof contactLineBuilder>;
	/** The label as a TabSeparated field, escaped once. */
	readonly #source: string;
	readonly #recent: RecentIds;
	/** Position the last committed batch ended at ('' = start). */
	#committed = '';
	/** Position the batch being built ends at (see #endAt for file lines). */
	#end = '';
	/**
	 * File lines leave their end as numbers (byte offset, line number), formatted into #end only
	 * when someone asks: two number-to-string conversions a line were a tenth of ndjson ingest.
	 */
	#lazyOffset = -1;
	#lazyLineNo = 0;
	#extra: unknown = undefined;
	/** Rows of this batch, as TabSeparated text (one line per row) and counts. */
	readonly #calls = new TsvLines();
	readonly #agents = new TsvLines();
	readonly #contacts = new TsvLines();
	/**
	 * Contact ids of this batch and whether each row was answered, in row order: a second row
	 * for an id is rare (see dedupeContacts), so rows go straight into #contacts and only a
	 * batch that has one is taken apart again at flush.
	 */
	#contactIds = new Set<string>();
	#contactRowIds: string[] = [];
	#contactAnswered: boolean[] = [];
	#contactRepeats = false;
	/** The hours of this batch's contacts (storedContacts.ts reads them instead of the rows). */
	#contactHours = new Set<number>();
	/** The hour last added to #contactHours: contacts mostly come in time order. */
	#lastHour = NaN;
	/** Contacts the assembler finished with the event at hand (one array, reused). */
	readonly #finished: ContactRecord[] = [];
	readonly #rejected = new RejectedBatch();
	#records = 0;
	#newestTs = 0;
	/** Wall-clock time the stream last sent records (0: not since it opened without a saved one), and its time then. */
	#heardAt = 0;
	#heardTs = 0;
	/** countStored: events (or contact records) accepted this batch, by call id (contact id). */
	#perCall: Map<string, number> | null = null;
	/** CDR contacts waiting for the rest of their call's rows, by contact id (in arrival order). */
	#held = new Map<string, ContactRecord>();
	#heldClock = 0;
	/**
	 * The held contacts by end time, to find the settled ones without walking them all for each
	 * row (with 10 minutes of calls held, that walk was a third of CDR ingest). Entries go stale
	 * when their contact is replaced or released; `seq` is the id's place in #held's order.
	 */
	readonly #heldByEnd = new MinHeap<HeldEntry>((a, b) => a.end - b.end);
	#heldSeq = new Map<string, number>();
	#nextSeq = 0;
	readonly counts: Counts = { accepted: 0, duplicates: 0, rejected: 0, ignored: 0 };

	private constructor(opts: PipelineOptions) {
		this.opts = opts;
		this.#recent = new RecentIds(opts.recentWindow ?? DEFAULT_RECENT_WINDOW);
		this.#spec = FORMATS[opts.format];
		this.#parseLine = this.#spec.kind === 'lines' ? this.#spec.create() : null;
		const mapping: NameMapping = nameMapping(opts.config);
		this.#ctx = { sourceId: opts.sourceId, position: '', mapping, timeZone: opts.config.pbxTimeZone };
		const calendar = new WorkingCalendar(opts.config);
		this.#assembler = new Assembler({
			reportsWrapUp: this.#spec.reportsWrapUp,
			callbackDue: (ts) => calendar.callbackDue(ts).getTime(),
			eInquiryDue: (ts) => calendar.eInquiryDue(ts, opts.config.eInquiryDeadlineWorkingDays).getTime()
		});
		this.#contactLine = contactLineBuilder(opts.config);
		this.#source = sourceField(opts.label);
		if (opts.countStored) this.#perCall = new Map();
	}

	/** Opens a source at its checkpoint: the spool's newest when batches still wait there, else ClickHouse's. */
	static async open(db: ClickHouseClient, opts: PipelineOptions): Promise<SourcePipeline> {
		const p = new SourcePipeline(opts);
		const spooled = opts.writer.spool.latestCheckpoint(opts.sourceId);
		const [row] = spooled
			? [spooled]
			: await queryRows<{ position: string; state: string }>(db, 'ingest/checkpoint', { source_id: opts.sourceId });
		if (row) {
			p.#committed = p.#end = row.position;
			if (row.state) {
				const saved = JSON.parse(row.state) as SavedState;
				p.#assembler.restore(saved.assembler);
				p.#extra = saved.extra;
				for (const c of saved.held ?? []) p.#hold(c);
				// Saved before the stream clock: as if heard now, so a live stream runs on and a
				// backfill waits (streamClock).
				const heard = saved.heard ?? { at: Date.now(), ts: p.#assembler.watermark };
				p.#heardAt = heard.at;
				p.#heardTs = heard.ts;
			}
		}
		if (opts.preloadRecent) await p.#preloadRecent(db);
		return p;
	}

	async #preloadRecent(db: ClickHouseClient): Promise<void> {
		const window = this.opts.recentWindow ?? DEFAULT_RECENT_WINDOW;
		// The stream's own last week, not the wall clock's: a backfill or a late connector resent
		// after a restart is recognised too (a redelivered body answered "accepted" without that).
		const rows = await queryRows<{ key: string }>(db, 'ingest/recent_ids', {
			source: this.opts.label,
			since: (this.#assembler.watermark || Date.now()) - RECENT_PRELOAD_MS,
			limit: window
		});
		// Oldest first, so that the newest stay longest.
		for (let i = rows.length - 1; i >= 0; i--) this.#recent.add(rows[i]!.key);
	}

	/** Where the source resumes: the end of the last committed batch ('' = from the start). */
	get position(): string {
		return this.#endAt();
	}

	#endAt(): string {
		if (this.#lazyOffset >= 0) {
			this.#end = formatPosition(this.#lazyOffset, this.#lazyLineNo);
			this.#lazyOffset = -1;
		}
		return this.#end;
	}

	/** Source-specific state kept in the checkpoint (a followed file's identity, say). */
	get extra(): unknown {
		return this.#extra;
	}
	set extra(value: unknown) {
		this.#extra = value;
	}

	get pendingRecords(): number {
		return this.#records;
	}

	/** Anything waiting to be flushed: records read, or contacts the clock finished. */
	get hasPending(): boolean {
		return this.#records > 0 || this.#contacts.rows > 0;
	}

	get full(): boolean {
		return this.#records >= (this.opts.batchSize ?? this.opts.config.ingest.batchSize);
	}

	/**
	 * For bulk sources (files, backfills): `bulk.min` times full, and either the writer is idle or
	 * the batch has grown to `bulk.max` times the batch size. While an insert runs, reading goes
	 * on into the same batch instead of queueing another behind it: every insert costs the engine
	 * a part per table, the rollup views and the checkpoint whatever its size (360k events: 2.6 s
	 * of engine CPU in 18 batches, 1.2 s in 3), so batches grow to what the engine can take,
	 * bounded.
	 */
	get bulkReady(): boolean {
		const size = this.opts.batchSize ?? this.opts.config.ingest.batchSize;
		const { min, max } = this.opts.bulk ?? DEFAULT_BULK;
		return this.#records >= size * min && (this.opts.writer.pending === 0 || this.#records >= size * max);
	}

	get openCalls(): number {
		return this.#assembler.openCount;
	}

	/** Adds one line read from `position` ("line 12"); `resumeAt` is where reading continues after it. */
	addLine(line: string, position: string, resumeAt: string): void {
		if (!this.#parseLine) throw new Error(`${this.opts.format} is parsed as whole documents`);
		this.#ctx.position = position;
		this.#take(this.#parseLine(line, this.#ctx), line, position);
		this.#end = resumeAt;
		this.#lazyOffset = -1;
	}

	/**
	 * addLine for a line of a file: `name:lineNo` is its position, and reading resumes at byte
	 * `end` (formatPosition). The same as addLine(text, `${name}:${lineNo}`,
	 * formatPosition(end, lineNo)), without building either string unless it is needed.
	 */
	addFileLine(text: string, name: string, lineNo: number, end: number): void {
		if (!this.#parseLine) throw new Error(`${this.opts.format} is parsed as whole documents`);
		const records = this.#parseLine(text, this.#ctx);
		// Positions are only written with rejected records.
		let position = '';
		for (let i = 0; i < records.length; i++) if (records[i]!.kind === 'rejected') position = `${name}:${lineNo}`;
		this.#ctx.position = position;
		this.#take(records, text, position);
		this.#lazyOffset = end;
		this.#lazyLineNo = lineNo;
	}

	/**
	 * Records parsed from file lines on another thread (sources/parseWorker.ts), in order:
	 * `position` is the line of a rejected record ("name:lineNo"), "" for the others. markLines
	 * follows with where those lines end.
	 */
	addParsed(records: ParsedRecord[], position: string): void {
		this.#take(records, '', position);
	}

	/** After addParsed: the lines up to byte `end` (line `lineNo`) are taken; `ignored` of them gave no record. */
	markLines(end: number, lineNo: number, ignored: number): void {
		this.counts.ignored += ignored;
		this.#lazyOffset = end;
		this.#lazyLineNo = lineNo;
	}

	addDocument(text: string, position: string, resumeAt: string): void {
		if (this.#spec.kind !== 'document') throw new Error(`${this.opts.format} is parsed line by line`);
		this.#ctx.position = position;
		this.#take(this.#spec.parse(text, this.#ctx), text, position);
		this.#end = resumeAt;
		this.#lazyOffset = -1;
	}

	/** Moves the position without a record (a stream marking itself complete). */
	markPosition(resumeAt: string): void {
		this.#end = resumeAt;
		this.#lazyOffset = -1;
	}

	/**
	 * The stream's time at wall-clock time `wall`. Wrap-up waits and staleness follow the stream's
	 * own event time, never the wall clock directly: a backfill sent in pieces, or a connector a day
	 * late, must not have its calls closed because the calendar says so. But a live stream whose
	 * last event was lost must still close its calls, so its time runs on with the wall clock from
	 * when it last sent (its newest event then, plus the wall time since). A stream that was not
	 * live then (LIVE_LAG_MS) stands still at its newest event, and runs on only after STALE_MS of
	 * wall-clock silence: the end of a backfill is closed the next day, not between its pieces.
	 */
	streamClock(wall: number): number {
		const own = this.#assembler.watermark;
		if (this.#heardAt === 0) return own;
		const quiet = this.#heardAt - this.#heardTs <= LIVE_LAG_MS ? 0 : STALE_MS;
		return Math.max(own, this.#heardTs + Math.max(0, wall - this.#heardAt - quiet));
	}

	/** advanceClock at the stream's time (streamClock) for wall-clock time `wall`: for tickers. */
	tick(wall: number): void {
		this.advanceClock(this.streamClock(wall));
	}

	/**
	 * Finishes calls that time alone completes (wrap-up never reported, stale calls), `now` being
	 * the stream's time (a simulator's clock; tickers go through tick()).
	 */
	advanceClock(now: number): void {
		this.#addContacts(this.#assembler.advance(now));
		if (now > this.#heldClock) this.#heldClock = now;
		this.#releaseHeld(false);
	}

	/** Whether anything waits for time to pass: open calls, or CDR contacts held back. */
	get waitingOnClock(): boolean {
		return this.#assembler.openCount > 0 || this.#held.size > 0;
	}

	#take(records: ParsedRecord[], raw: string, position: string): void {
		const source = this.#source;
		for (let i = 0; i < records.length; i++) {
			const r = records[i]!;
			this.#records++;
			switch (r.kind) {
				case 'call': {
					const e = r.event;
					if (!this.#recent.add(e.eventId)) {
						this.counts.duplicates++;
						ingestMetrics.records.inc({ format: this.opts.format, result: 'duplicate' });
						continue;
					}
					this.counts.accepted++;
					if (this.#perCall !== null) this.#perCall.set(e.callId, (this.#perCall.get(e.callId) ?? 0) + 1);
					if (e.ts > this.#newestTs) this.#newestTs = e.ts;
					this.#calls.push(callEventLine(e, source));
					const finished = this.#assembler.apply(e, this.#finished);
					if (finished.length > 0) {
						this.#addContacts(finished);
						finished.length = 0;
					}
					break;
				}
				case 'agent':
					if (!this.#recent.add(r.event.eventId)) {
						this.counts.duplicates++;
						continue;
					}
					this.counts.accepted++;
					this.#agents.push(agentEventLine(r.event, source));
					break;
				case 'contact':
					if (this.opts.format === 'cdr-csv') {
						this.#holdCdr(r.contact);
						break;
					}
					if (!this.#recent.add(r.contact.contactId + ':' + r.contact.outcome)) {
						this.counts.duplicates++;
						continue;
					}
					this.counts.accepted++;
					if (this.#perCall !== null) this.#perCall.set(r.contact.contactId, (this.#perCall.get(r.contact.contactId) ?? 0) + 1);
					this.#addContacts([r.contact]);
					break;
				case 'control':
					// A redelivered PBX restart must not close calls that are open now.
					if (!this.#recent.add(`control:${r.control.control}:${r.control.ts}`)) {
						this.counts.duplicates++;
						continue;
					}
					this.counts.accepted++;
					this.#addContacts(this.#assembler.pbxRestart(r.control.ts));
					break;
				case 'rejected':
					this.counts.rejected++;
					ingestMetrics.rejected.inc({ format: this.opts.format, reason: r.rejected.reason });
					this.#rejected.add(r.rejected, this.opts.label, this.opts.format, position);
					break;
				case 'ignored':
					this.counts.ignored++;
					break;
			}
		}
		if (records.length === 0 && raw.trim() !== '') this.counts.ignored++;
	}

	#holdCdr(c: ContactRecord): void {
		if (this.#recent.has(`released:${c.contactId}`)) {
			this.counts.duplicates++;
			return;
		}
		this.counts.accepted++;
		const prev = this.#held.get(c.contactId);
		if (!prev || (prev.outcome !== 'answered' && c.outcome === 'answered')) this.#hold(c);
		if (c.endedAt > this.#heldClock) this.#heldClock = c.endedAt;
		this.#releaseHeld(false);
	}

	#hold(c: ContactRecord): void {
		const id = c.contactId;
		let seq = this.#heldSeq.get(id);
		if (seq === undefined) this.#heldSeq.set(id, (seq = this.#nextSeq++));
		this.#held.set(id, c);
		this.#heldByEnd.push({ end: c.endedAt, seq, id, contact: c });
	}

	/** Releases held CDR contacts whose call can have no more rows (all of them at the end of a file). */
	releaseHeld(all = true): void {
		this.#releaseHeld(all);
	}

	/** Releases, in #held's order, all held contacts, or those settled by #heldClock. */
	#releaseHeld(all: boolean): void {
		if (all) {
			for (const [id, c] of this.#held) this.#release(id, c);
			this.#heldByEnd.clear();
			return;
		}
		let settled: HeldEntry[] | null = null;
		for (let top = this.#heldByEnd.peek(); top && this.#heldClock - top.end >= CDR_SETTLE_MS; top = this.#heldByEnd.peek()) {
			this.#heldByEnd.pop();
			if (this.#held.get(top.id) === top.contact) (settled ??= []).push(top);
		}
		if (settled === null) return;
		settled.sort((a, b) => a.seq - b.seq);
		for (const e of settled) this.#release(e.id, e.contact);
	}

	#release(id: string, c: ContactRecord): void {
		this.#held.delete(id);
		this.#heldSeq.delete(id);
		this.#recent.add(`released:${id}`);
		this.#addContacts([c]);
	}

	#addContacts(contacts: ContactRecord[]): void {
		for (const c of contacts) {
			const id = c.contactId;
			const before = this.#contactIds.size;
			if (this.#contactIds.add(id).size === before) this.#contactRepeats = true;
			this.#contactRowIds.push(id);
			this.#contactAnswered.push(c.outcome === 'answered');
			const hour = hourOf(c.queuedAt);
			if (hour !== this.#lastHour) this.#contactHours.add((this.#lastHour = hour));
			this.#contacts.push(this.#contactLine(c, this.#source));
			// A call closed without an outcome (PBX restart, silence) leaves an event too, or the
			// live queue, which reads events, would show the caller waiting for hours.
			if (c.outcome === 'unknown' && c.channel === 'voice') {
				const callId = c.contactId.slice(0, c.contactId.lastIndexOf('#'));
				const closed = newCallEvent('closed_unknown', c.endedAt, callId);
				closed.eventId = stableId('closed', c.contactId);
				closed.channel = 'voice';
				closed.topic = c.topic;
				closed.simulated = c.simulated;
				this.#calls.push(callEventLine(closed, this.#source));
			}
		}
	}

	/**
	 * Cuts the batch and commits it. `tokenKey` replaces the position range in the dedup
	 * tokens for sources without positions (an API body's digest). Returns null when empty.
	 */
	async flush(opts: { waitMs?: number; tokenKey?: string } = {}): Promise<CommitResult | null> {
		const end = this.#endAt();
		const moved = end !== this.#committed;
		if (this.#records === 0 && this.#contacts.rows === 0 && !moved) return null;
		const accepted = this.#calls.rows + this.#agents.rows;
		if (this.#records > 0) {
			this.#heardAt = Date.now();
			this.#heardTs = this.#assembler.watermark;
		}
		const blocks: Block[] = [
			this.#calls.block('call_events', CALL_EVENT_COLUMNS),
			this.#agents.block('agent_events', AGENT_EVENT_COLUMNS),
			this.#contactsBlock(),
			tsvBlock('rejected_records', REJECTED_COLUMNS, '', this.#rejected.rows())
		].filter((b) => b.rows > 0);
		// :TRICKY: the token must never repeat with other content, or ClickHouse drops the
		// block as a duplicate. Positions identify a batch when they moved; a flush at the same
		// position (contacts closed by the clock alone) is identified by its content.
		const key =
			opts.tokenKey ??
			(moved ? `${this.#committed}..${end}` : `${end}#${contentDigest(blocks)}`);
		for (const b of blocks) b.token = `${this.opts.sourceId}|${key}|${b.table}`;
		const state: SavedState = {
			assembler: this.#assembler.snapshot(),
			extra: this.#extra,
			held: [...this.#held.values()],
			heard: { at: this.#heardAt, ts: this.#heardTs }
		};
		const contacts = blocks.find((b) => b.table === 'contacts');
		const entry: SpoolEntry = {
			sourceId: this.opts.sourceId,
			blocks,
			checkpoint: { sourceId: this.opts.sourceId, position: end, state: JSON.stringify(state) }
		};
		const format = this.opts.format;
		const result = await this.opts.writer.commit(entry, opts.waitMs);
		if (this.#perCall !== null) {
			// The writer replaces the entry's contacts block by what it stored (storedContacts.ts).
			if (result === 'inserted' && contacts) this.#countLeftOut(contacts, entry.blocks.find((b) => b.table === 'contacts'));
			this.#perCall.clear();
		}
		ingestMetrics.records.inc({ format, result: 'accepted' }, accepted);
		if (this.#newestTs) ingestMetrics.lagSeconds.set({ source: this.opts.label }, Math.max(0, (Date.now() - this.#newestTs) / 1000));
		ingestMetrics.openCalls.set({ source: this.opts.label }, this.#assembler.openCount);
		this.#committed = end;
		this.#calls.clear();
		this.#agents.clear();
		this.#contacts.clear();
		this.#contactIds = new Set();
		this.#contactRowIds = [];
		this.#contactAnswered = [];
		this.#contactRepeats = false;
		this.#contactHours = new Set();
		this.#lastHour = NaN;
		this.#rejected.clear();
		this.#records = 0;
		return result;
	}

	/**
	 * The contacts the stored-contacts check left out of this batch were stored before: their
	 * events (or records) move from accepted to duplicates, so that `accepted` says what was
	 * stored now (a body resent after a restart answered "accepted: 5" with nothing changed).
	 */
	#countLeftOut(sent: Block, stored: Block | undefined): void {
		if (stored !== undefined && stored.rows === sent.rows) return;
		const kept = new Set<string>();
		if (stored !== undefined) for (const line of stored.tsv.split('\n')) if (line !== '') kept.add(line.slice(0, line.indexOf('\t')));
		const perCall = this.#perCall!;
		for (const id of new Set(this.#contactRowIds)) {
			if (kept.has(tsvText(id))) continue;
			// A contact record is counted under its id, events under their call's (a callback's under
			// the requesting call's: contact id "call#callback#queued").
			let key = perCall.has(id) ? id : id.slice(0, id.lastIndexOf('#'));
			if (!perCall.has(key) && key.endsWith('#callback')) key = key.slice(0, -'#callback'.length);
			const n = perCall.get(key) ?? 0;
			perCall.delete(key);
			this.counts.accepted -= n;
			this.counts.duplicates += n;
		}
	}

	#contactsBlock(): Block {
		const block = this.#contacts.block('contacts', CONTACT_COLUMNS);
		block.hours = [...this.#contactHours];
		if (!this.#contactRepeats) return block;
		const lines = block.tsv.split('\n');
		const rows = dedupeContacts(this.#contactRowIds.map((id, i) => ({ id, answered: this.#contactAnswered[i]!, line: lines[i]! })));
		let tsv = '';
		for (const r of rows) tsv += r.line + '\n';
		return { table: 'contacts', columns: CONTACT_COLUMNS, token: '', rows: rows.length, tsv, hours: block.hours };
	}
}

type HeldEntry = { end: number; seq: number; id: string; contact: ContactRecord };

/** A binary min-heap. */
class MinHeap<T> {
	#items: T[] = [];
	readonly #less: (a: T, b: T) => number;

	constructor(compare: (a: T, b: T) => number) {
		this.#less = compare;
	}

	peek(): T | undefined {
		return this.#items[0];
	}

	push(item: T): void {
		const a = this.#items;
		let i = a.push(item) - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (this.#less(a[parent]!, item) <= 0) break;
			a[i] = a[parent]!;
			i = parent;
		}
		a[i] = item;
	}

	pop(): T | undefined {
		const a = this.#items;
		const top = a[0];
		const last = a.pop();
		if (a.length > 0 && last !== undefined) {
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				if (l >= a.length) break;
				const r = l + 1;
				const c = r < a.length && this.#less(a[r]!, a[l]!) < 0 ? r : l;
				if (this.#less(a[c]!, last) >= 0) break;
				a[i] = a[c]!;
				i = c;
			}
			a[i] = last;
		}
		return top;
	}

	clear(): void {
		this.#items = [];
	}
}

function contentDigest(blocks: Block[]): string {
	const h = createHash('sha1');
	for (const b of blocks) h.update(b.table).update(b.tsv);
	return h.digest('hex').slice(0, 16);
}

/**
 * Asterisk 12+ writes one CDR per ringing consultant, all with the call's linkedid: one
 * contact id. Keep one row per id in a batch, preferring the answered one.
 */
function dedupeContacts(rows: ContactLine[]): ContactLine[] {
	if (rows.length < 2) return rows;
	const byId = new Map<string, ContactLine>();
	for (const r of rows) {
		const prev = byId.get(r.id);
		if (!prev || (!prev.answered && r.answered)) byId.set(r.id, r);
	}
	return byId.size === rows.length ? rows : [...byId.values()];
}
