/**
 * Records parsed from a run of file lines, in a form that crosses between threads cheaply
 * (parseWorker.ts parses, the pipeline on the main thread takes them).
 * :TRICKY: posting the records themselves cost the receiving thread 1.0–1.2 µs a record to
 * deserialise, as much as parsing them. Call events (nearly every record of a log) go as numbers
 * in a Float64Array and their strings concatenated into one, with their lengths: 0.2 µs an event
 * to encode and clone, 0.12 µs to rebuild (a few substrings). The rest (agent events, contacts,
 * controls, rejections) go as they are, at the clone's price: rare in canonical streams, but every
 * record of a CDR file and most of a queue_log's member and pause lines, whose parsing costs more
 * than that price (npm run bench: cdr-csv is faster through the worker too).
 */
import { CALL_EVENT_TYPES, CHANNELS, newCallEvent, type CallEvent, type ParsedRecord } from '../types.ts';

/** Numbers per call event: ts, waitMs, talkMs, holdMs, wrapMs, announcedWaitS, code (NaN = absent). */
const NUMS = 7;
/** Strings per call event: eventId, callId, topic, site, agent, estimateMethod, reason (-1 = absent). */
const STRS = 7;

const TYPE_CODE = new Map(CALL_EVENT_TYPES.map((t, i) => [t, i]));
const CHANNEL_CODE = new Map(CHANNELS.map((c, i) => [c, i + 1]));

export type ParsedChunk = {
	/** Per record in order: 0 = the next call event of the packed arrays, 1 = the next of `others`. */
	kinds: Uint8Array;
	nums: Float64Array;
	lens: Int32Array;
	text: string;
	/** Other records with the position of their line ("name:lineNo"). */
	others: { record: ParsedRecord; position: string }[];
	/** Lines that gave no record and were not blank (the pipeline counts them as ignored). */
	ignored: number;
	/** Byte offset after the last line, and its line number: where reading resumes. */
	end: number;
	lineNo: number;
	/** Lines in the chunk. */
	lines: number;
};

/** Collects the records of consecutive lines into a ParsedChunk. */
export class ChunkEncoder {
	#capacity: number;
	#kinds: Uint8Array;
	#nums: Float64Array;
	#lens: Int32Array;
	#records = 0;
	#calls = 0;
	#parts: string[] = [];
	#others: { record: ParsedRecord; position: string }[] = [];
	#ignored = 0;
	lines = 0;

	constructor(capacity = 4096) {
		this.#capacity = capacity;
		this.#kinds = new Uint8Array(capacity);
		this.#nums = new Float64Array(capacity * NUMS);
		this.#lens = new Int32Array(capacity * STRS);
	}

	/** The records of one line (`text`, line `lineNo` of file `name`). */
	addLine(records: ParsedRecord[], text: string, name: string, lineNo: number): void {
		this.lines++;
		if (records.length === 0 && text.trim() !== '') this.#ignored++;
		for (let i = 0; i < records.length; i++) {
			const r = records[i]!;
			if (this.#records === this.#capacity) this.#grow();
			if (r.kind === 'call') {
				this.#kinds[this.#records++] = 0;
				this.#call(r.event);
			} else {
				this.#kinds[this.#records++] = 1;
				this.#others.push({ record: r, position: r.kind === 'rejected' ? `${name}:${lineNo}` : '' });
			}
		}
	}

	#call(e: CallEvent): void {
		const n = this.#calls++ * NUMS;
		const nums = this.#nums;
		nums[n] = e.ts;
		nums[n + 1] = e.waitMs ?? NaN;
		nums[n + 2] = e.talkMs ?? NaN;
		nums[n + 3] = e.holdMs ?? NaN;
		nums[n + 4] = e.wrapMs ?? NaN;
		nums[n + 5] = e.announcedWaitS ?? NaN;
		const simulated = e.simulated === undefined ? 0 : e.simulated ? 1 : 2;
		const channel = e.channel === undefined ? 0 : CHANNEL_CODE.get(e.channel)!;
		nums[n + 6] = TYPE_CODE.get(e.type)! | (channel << 4) | (simulated << 8);
		const s = (this.#calls - 1) * STRS;
		this.#str(s, e.eventId);
		this.#str(s + 1, e.callId);
		this.#str(s + 2, e.topic);
		this.#str(s + 3, e.site);
		this.#str(s + 4, e.agent);
		this.#str(s + 5, e.estimateMethod);
		this.#str(s + 6, e.reason);
	}

	#str(at: number, v: string | undefined): void {
		if (v === undefined) {
			this.#lens[at] = -1;
			return;
		}
		this.#lens[at] = v.length;
		if (v.length > 0) this.#parts.push(v);
	}

	#grow(): void {
		this.#capacity *= 2;
		const kinds = new Uint8Array(this.#capacity);
		kinds.set(this.#kinds);
		const nums = new Float64Array(this.#capacity * NUMS);
		nums.set(this.#nums);
		const lens = new Int32Array(this.#capacity * STRS);
		lens.set(this.#lens);
		[this.#kinds, this.#nums, this.#lens] = [kinds, nums, lens];
	}

	/** The chunk so far, ending at byte `end` of line `lineNo`; starts a new one. */
	take(end: number, lineNo: number): ParsedChunk {
		const chunk: ParsedChunk = {
			kinds: this.#kinds.slice(0, this.#records),
			nums: this.#nums.slice(0, this.#calls * NUMS),
			lens: this.#lens.slice(0, this.#calls * STRS),
			text: this.#parts.join(''),
			others: this.#others,
			ignored: this.#ignored,
			end,
			lineNo,
			lines: this.lines
		};
		this.#records = 0;
		this.#calls = 0;
		this.#parts = [];
		this.#others = [];
		this.#ignored = 0;
		this.lines = 0;
		return chunk;
	}
}

/** What to post a chunk with: its arrays move to the other thread rather than being copied. */
export function transferList(chunk: ParsedChunk): ArrayBuffer[] {
	return [chunk.kinds.buffer as ArrayBuffer, chunk.nums.buffer as ArrayBuffer, chunk.lens.buffer as ArrayBuffer];
}

/** A packed number: NaN stands for absent. */
function unpack(v: number): number | undefined {
	return Number.isNaN(v) ? undefined : v;
}

/**
 * Calls `take(records, position)` for the chunk's records in order: runs of records that are
 * not rejections together (position ""), each rejection alone with its line's position.
 */
export function decodeChunk(chunk: ParsedChunk, take: (records: ParsedRecord[], position: string) => void): void {
	const { kinds, nums, lens, text, others } = chunk;
	let run: ParsedRecord[] = [];
	let call = 0;
	let other = 0;
	let at = 0;
	const str = (i: number): string | undefined => {
		const len = lens[i]!;
		if (len < 0) return undefined;
		if (len === 0) return '';
		at += len;
		return text.substring(at - len, at);
	};
	for (let i = 0; i < kinds.length; i++) {
		if (kinds[i] === 1) {
			const o = others[other++]!;
			if (o.record.kind !== 'rejected') {
				run.push(o.record);
				continue;
			}
			if (run.length > 0) take(run, '');
			run = [];
			take([o.record], o.position);
			continue;
		}
		const n = call * NUMS;
		const s = call * STRS;
		call++;
		const code = nums[n + 6]!;
		const eventId = str(s)!;
		const e = newCallEvent(CALL_EVENT_TYPES[code & 15]!, nums[n]!, str(s + 1)!);
		e.eventId = eventId;
		const channel = (code >> 4) & 15;
		if (channel > 0) e.channel = CHANNELS[channel - 1];
		e.topic = str(s + 2);
		e.site = str(s + 3);
		e.agent = str(s + 4);
		e.estimateMethod = str(s + 5);
		e.reason = str(s + 6);
		e.waitMs = unpack(nums[n + 1]!);
		e.talkMs = unpack(nums[n + 2]!);
		e.holdMs = unpack(nums[n + 3]!);
		e.wrapMs = unpack(nums[n + 4]!);
		e.announcedWaitS = unpack(nums[n + 5]!);
		const simulated = code >> 8;
		if (simulated > 0) e.simulated = simulated === 1;
		run.push({ kind: 'call', event: e });
	}
	if (run.length > 0) take(run, '');
}
