/** Lines and their exact byte offsets, however the bytes are cut into chunks (ingest/sources/lineSplitter.ts). */
import { describe, expect, it } from 'vitest';
import { LineSplitter, type Line } from '../../../ingest/sources/lineSplitter.ts';

/** The lines of `text` as a reader starting at byte 0 should see them. */
function reference(bytes: Buffer): Line[] {
	const out: Line[] = [];
	let from = 0;
	let lineNo = 0;
	for (let nl = bytes.indexOf(0x0a); nl >= 0; nl = bytes.indexOf(0x0a, from)) {
		const end = nl > from && bytes[nl - 1] === 0x0d ? nl - 1 : nl;
		out.push({ text: bytes.toString('utf8', from, end), lineNo: ++lineNo, start: from, end: nl + 1 });
		from = nl + 1;
	}
	if (from < bytes.length) out.push({ text: bytes.toString('utf8', from), lineNo: ++lineNo, start: from, end: bytes.length });
	return out;
}

function split(bytes: Buffer, cuts: number[]): Line[] {
	const s = new LineSplitter(0, 0);
	const out: Line[] = [];
	let at = 0;
	for (const cut of [...cuts, bytes.length]) {
		s.push(bytes.subarray(at, cut), out);
		at = cut;
	}
	const last = s.finish();
	if (last) out.push(last);
	return out;
}

const TEXTS = [
	'a\nbb\r\n\nccc\n',
	'{"x":1}\n{"x":2}\r\n{"x":3}',
	'Šiauliai|ąčę\n😀 emoji\r\nplain ascii\n\r\n',
	'\n\n\n',
	'no newline at all',
	'x'.repeat(1000) + '\n' + 'y'.repeat(10) + '\n'
];

describe('LineSplitter', () => {
	it.each(TEXTS.map((t) => [JSON.stringify(t).slice(0, 40), t]))('%s in every two-chunk cut, and byte by byte', (_name, text) => {
		const bytes = Buffer.from(text);
		const want = reference(bytes);
		for (let cut = 0; cut <= bytes.length; cut++) expect(split(bytes, [cut])).toEqual(want);
		expect(split(bytes, Array.from({ length: bytes.length }, (_, i) => i))).toEqual(want);
	});

	it('resumes at a byte offset with its line count', () => {
		const bytes = Buffer.from('one\ntwo\nthree\n');
		const s = new LineSplitter(4, 1);
		expect(s.push(bytes.subarray(4))).toEqual([
			{ text: 'two', lineNo: 2, start: 4, end: 8 },
			{ text: 'three', lineNo: 3, start: 8, end: 14 }
		]);
	});
});
