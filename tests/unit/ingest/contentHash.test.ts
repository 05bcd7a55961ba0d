/**
 * The content-id hash. Vectors from the reference implementation, the Python `mmh3` package:
 * struct.unpack('<4i', mmh3.hash_bytes(s.encode('utf-16-le', 'surrogatepass'), 0, x64arch=False)).
 * Lengths cover every tail (0–7 code units past whole 16-byte blocks).
 */
import { describe, expect, it } from 'vitest';
import { ContentKey, murmur128OfString } from '../../../ingest/parsers/contentHash.ts';

describe('MurmurHash3 x86_128 of UTF-16LE', () => {
	it.each([
		['', [0, 0, 0, 0]],
		['a', [54243734, -856731679, -856731679, -856731679]],
		['ab', [638564691, -1356679427, -1356679427, -1356679427]],
		['abcdefg', [-2061509026, -132474197, 708124466, -91321177]],
		['abcdefgh', [1815443029, -1913087839, -1486019827, 1108635924]],
		['abcdefghi', [396613426, 938402950, 80977633, -293638692]],
		['call.queued\u001f1790000000000\u001fc-1', [1070780835, -409078403, -570359019, 1858183764]],
		['\u0160iauliai \ud83d\ude00', [-1981522717, -347176605, -317804998, 197538118]],
		['x'.repeat(37), [1068430955, -1287622794, 1960289054, -766004001]],
		['\ud800 lone', [1872820865, -729926080, 1948772623, 1746858400]]
	])('%j', (s, words) => {
		expect(murmur128OfString(s)).toEqual(words);
	});
});

/** The id of `parts` joined as a string and hashed whole: what ContentKey must give part by part. */
function joinedId(prefix: string, ...parts: (string | number)[]): string {
	const [h1, h2, h3] = murmur128OfString(parts.join('\u001f'));
	const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
	return `${prefix}:${hex(h1!)}${hex(h2!)}${hex(h3!).slice(0, 4)}`;
}

describe('ContentKey', () => {
	it('gives the id of the parts joined by U+001F: prefix, then h1, h2 and the high half of h3 in hex', () => {
		// 'a\u001f1\u001f' → [h1, h2, h3] = 0x0e5f2dfb, 0x3a993b11, 0x99d5…
		expect(new ContentKey().begin().text('a').int(1).text('').id('x')).toBe('x:0e5f2dfb3a993b1199d5');
		expect(joinedId('x', 'a', 1, '')).toBe('x:0e5f2dfb3a993b1199d5');
	});

	it('writes numbers as String() does, whatever their size', () => {
		const numbers = [0, 7, 9, 10, 99, 100, 999_999_999, 1e9, 1e9 + 1, 2 ** 31 - 1, 2 ** 31, 1_790_000_000_000, 1_790_000_000_001, 1_000_000_000_000_000, Number.MAX_SAFE_INTEGER];
		const odd = [-1, 1.5, Number.MAX_SAFE_INTEGER + 2, 1e21, NaN];
		for (const n of [...numbers, ...odd]) {
			const viaText = new ContentKey().begin().text('p').text(String(n)).id('t');
			expect(new ContentKey().begin().text('p').int(n).id('t'), String(n)).toBe(viaText);
		}
	});

	it('opt: a number, or an empty part', () => {
		const k = new ContentKey();
		expect(k.begin().opt(5).opt(undefined).text('z').id('t')).toBe(k.begin().text('5').text('').text('z').id('t'));
	});

	it('an empty first part still separates the next (as join does)', () => {
		const k = new ContentKey();
		expect(k.begin().text('').text('a').id('t')).not.toBe(k.begin().text('a').id('t'));
		expect(k.begin().text('').text('a').id('t')).toBe(joinedId('t', '', 'a'));
	});

	it('grows for long parts and is reusable afterwards', () => {
		const k = new ContentKey();
		const long = 'é'.repeat(5000);
		expect(k.begin().text(long).int(3).id('t')).toBe(joinedId('t', long, 3));
		expect(k.begin().text('a').id('t')).toBe(joinedId('t', 'a'));
	});

	it('spreads similar content apart (no two of 200,000 near-identical ids collide)', () => {
		const k = new ContentKey();
		const ids = new Set<string>();
		for (let i = 0; i < 200_000; i++) ids.add(k.begin().text('queued').int(1_790_000_000_000 + i).text(`c-${i % 1000}`).id('nd'));
		expect(ids.size).toBe(200_000);
	});
});
