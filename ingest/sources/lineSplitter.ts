/**
 * Splits bytes into lines and keeps exact byte offsets, so a checkpoint can say "resume at
 * byte N" and a restart reads neither a line twice nor skips one. Lines are decoded as UTF-8
 * with replacement characters (PBXs write caller names in any charset).
 */
import { isAscii } from 'node:buffer';

export type Line = { text: string; lineNo: number; start: number; end: number };

const EMPTY = Buffer.alloc(0);

/**
 * Either `push` a chunk and take its lines as objects, or, on the hot path, `load` a chunk and
 * call `next()` until it returns false, reading each line from `text`, `lineNo`, `start` and
 * `end`. :TRICKY: the cursor makes no object per line: a whole 1 MiB chunk of Line objects
 * (with their texts) was alive at every scavenge while it was fed, and copied by each.
 */
export class LineSplitter {
	#carry: Buffer = EMPTY;
	/** Byte offset in the file of the first byte of #carry, or of #buf while one is loaded. */
	#offset: number;
	#lineNo: number;
	/** The loaded chunk (the carried bytes first) and where the next line starts in it. */
	#buf: Buffer = EMPTY;
	#from = 0;
	/** The loaded chunk's complete lines decoded at once, when they are ASCII (else null). */
	#ascii: string | null = null;
	/** The line next() found: its text, number, and byte offsets of its start and after its end. */
	text = '';
	lineNo = 0;
	start = 0;
	end = 0;

	constructor(offset: number, lineNo: number) {
		this.#offset = offset;
		this.#lineNo = lineNo;
	}

	/** Starts on `chunk` (after what was carried over): next() gives its complete lines. */
	load(chunk: Buffer): void {
		const buf = this.#carry.length ? Buffer.concat([this.#carry, chunk]) : chunk;
		this.#carry = EMPTY;
		this.#buf = buf;
		this.#from = 0;
		// ASCII text (most logs): one decode for the whole chunk and string slices per line, where
		// characters are bytes; a decode per line was a twentieth of ndjson ingest.
		const last = buf.lastIndexOf(0x0a);
		this.#ascii = last >= 0 && isAscii(buf.subarray(0, last + 1)) ? buf.toString('latin1', 0, last + 1) : null;
	}

	/** The next complete line of the loaded chunk; false when none is left (a partial one is kept). */
	next(): boolean {
		const from = this.#from;
		const ascii = this.#ascii;
		const buf = this.#buf;
		const nl = ascii !== null ? ascii.indexOf('\n', from) : buf.indexOf(0x0a, from);
		if (nl < 0) {
			this.#offset += from;
			this.#carry = from < buf.length ? Buffer.from(buf.subarray(from)) : EMPTY;
			this.#buf = EMPTY;
			this.#ascii = null;
			this.#from = 0;
			return false;
		}
		const end = nl > from && buf[nl - 1] === 0x0d ? nl - 1 : nl;
		this.text = ascii !== null ? ascii.slice(from, end) : buf.toString('utf8', from, end);
		this.lineNo = ++this.#lineNo;
		this.start = this.#offset + from;
		this.end = this.#offset + nl + 1;
		this.#from = nl + 1;
		return true;
	}

	/** Complete lines in `chunk` (with what was carried over); a partial last line is kept. */
	push(chunk: Buffer, out: Line[] = []): Line[] {
		this.load(chunk);
		while (this.next()) out.push({ text: this.text, lineNo: this.lineNo, start: this.start, end: this.end });
		return out;
	}

	/** The unterminated last line at end of input (one-shot files), if any. */
	finish(): Line | null {
		if (this.#carry.length === 0) return null;
		const line = { text: this.#carry.toString('utf8'), lineNo: ++this.#lineNo, start: this.#offset, end: this.#offset + this.#carry.length };
		this.#offset += this.#carry.length;
		this.#carry = EMPTY;
		return line;
	}

	get pendingBytes(): number {
		return this.#carry.length;
	}
}

/** Checkpoint positions of line sources: "<byte offset>:<lines read>". */
export function formatPosition(offset: number, lineNo: number): string {
	return `${offset}:${lineNo}`;
}

export function parsePosition(position: string): { offset: number; lineNo: number } {
	if (!position) return { offset: 0, lineNo: 0 };
	const [o, l] = position.split(':');
	const offset = Number(o);
	const lineNo = Number(l ?? 0);
	return Number.isSafeInteger(offset) && Number.isSafeInteger(lineNo) ? { offset, lineNo } : { offset: 0, lineNo: 0 };
}
