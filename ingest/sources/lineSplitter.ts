/**
 * Splits bytes into lines and keeps exact byte offsets, so a checkpoint can say "resume at
 * byte N" and a restart reads neither a line twice nor skips one. Lines are decoded as UTF-8
 * with replacement characters (PBXs write caller names in any charset).
 */
import { isAscii } from 'node:buffer';

export type Line = { text: string; lineNo: number; start: number; end: number };

export class LineSplitter {
	#carry: Buffer = Buffer.alloc(0);
	/** Byte offset of the first byte of #carry in the file. */
	#offset: number;
	#lineNo: number;

	constructor(offset: number, lineNo: number) {
		this.#offset = offset;
		this.#lineNo = lineNo;
	}

	/** Complete lines in `chunk` (with what was carried over); a partial last line is kept. */
	push(chunk: Buffer, out: Line[] = []): Line[] {
		const buf = this.#carry.length ? Buffer.concat([this.#carry, chunk]) : chunk;
		let from = 0;
		const last = buf.lastIndexOf(0x0a);
		// ASCII text (most logs): one decode for the whole chunk and string slices per line, where
		// characters are bytes; a decode per line was a twentieth of ndjson ingest.
		if (last >= 0 && isAscii(buf.subarray(0, last + 1))) {
			const text = buf.toString('latin1', 0, last + 1);
			for (;;) {
				const nl = text.indexOf('\n', from);
				if (nl < 0) break;
				const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
				out.push({ text: text.slice(from, end), lineNo: ++this.#lineNo, start: this.#offset + from, end: this.#offset + nl + 1 });
				from = nl + 1;
			}
		}
		for (;;) {
			const nl = buf.indexOf(0x0a, from);
			if (nl < 0) break;
			const end = nl > from && buf[nl - 1] === 0x0d ? nl - 1 : nl;
			out.push({ text: buf.toString('utf8', from, end), lineNo: ++this.#lineNo, start: this.#offset + from, end: this.#offset + nl + 1 });
			from = nl + 1;
		}
		this.#offset += from;
		this.#carry = from < buf.length ? Buffer.from(buf.subarray(from)) : Buffer.alloc(0);
		return out;
	}

	/** The unterminated last line at end of input (one-shot files), if any. */
	finish(): Line | null {
		if (this.#carry.length === 0) return null;
		const line = { text: this.#carry.toString('utf8'), lineNo: ++this.#lineNo, start: this.#offset, end: this.#offset + this.#carry.length };
		this.#offset += this.#carry.length;
		this.#carry = Buffer.alloc(0);
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
