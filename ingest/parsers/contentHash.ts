/**
 * The content ids of canonical NDJSON call events sent without an `id` (ndjson.ts):
 * MurmurHash3 x86_128 (Austin Appleby's, public domain), seed 0, of the UTF-16LE bytes of the
 * id's parts joined by U+001F, written for V8; 80 bits kept.
 *
 * Why not SHA-1 (stableId.ts), which these ids used until November 2026: an id is for
 * recognising the same event again from authenticated senders, not for resisting forgery, and
 * with SHA-1 an event's id was a quarter of canonical ingest's JavaScript (joining its parts into
 * a string, a native call that copies it out as UTF-8, a hex string sliced and joined again:
 * about 0.9 µs of 3.8). `ContentKey` writes the parts' code units into a buffer it reuses, hashes
 * that in the JIT, and spells the id in one string: 0.36 µs for the bench's events (parsing a
 * line went from 1.77 to 1.28 µs, npm run bench:stages). Every other stored id keeps
 * SHA-1 (stableId.ts says why); docs/canonical-events.md says what the change means for events
 * sent across the upgrade.
 *
 * Checked against the reference implementation (the Python `mmh3` package,
 * `mmh3.hash_bytes(s.encode('utf-16-le', 'surrogatepass'), 0, x64arch=False)`) in
 * tests/unit/ingest/contentHash.test.ts.
 */
import { THREE_DIGITS } from '../numberText.ts';

const C1 = 0x239b961b;
const C2 = 0xab0e9789 | 0;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93 | 0;

function fmix(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b | 0);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35 | 0);
	return h ^ (h >>> 16);
}

/** The digest's four 32-bit words (h1…h4) of the last murmur128 call. */
const digest = new Int32Array(4);

/** MurmurHash3 x86_128 of the first `n` code units of `u` (as UTF-16LE bytes) into `digest`. */
function murmur128(u: Uint16Array, n: number): Int32Array {
	let h1 = 0;
	let h2 = 0;
	let h3 = 0;
	let h4 = 0;
	let k1 = 0;
	let k2 = 0;
	let k3 = 0;
	let k4 = 0;
	// A 16-byte block is 8 code units, two to a little-endian word.
	const whole = n & ~7;
	let i = 0;
	for (; i < whole; i += 8) {
		k1 = u[i]! | (u[i + 1]! << 16);
		k2 = u[i + 2]! | (u[i + 3]! << 16);
		k3 = u[i + 4]! | (u[i + 5]! << 16);
		k4 = u[i + 6]! | (u[i + 7]! << 16);

		k1 = Math.imul(k1, C1);
		k1 = (k1 << 15) | (k1 >>> 17);
		h1 ^= Math.imul(k1, C2);
		h1 = (h1 << 19) | (h1 >>> 13);
		h1 = (Math.imul(h1 + h2, 5) + 0x561ccd1b) | 0;

		k2 = Math.imul(k2, C2);
		k2 = (k2 << 16) | (k2 >>> 16);
		h2 ^= Math.imul(k2, C3);
		h2 = (h2 << 17) | (h2 >>> 15);
		h2 = (Math.imul(h2 + h3, 5) + 0x0bcaa747) | 0;

		k3 = Math.imul(k3, C3);
		k3 = (k3 << 17) | (k3 >>> 15);
		h3 ^= Math.imul(k3, C4);
		h3 = (h3 << 15) | (h3 >>> 17);
		h3 = (Math.imul(h3 + h4, 5) + 0x96cd1c35) | 0;

		k4 = Math.imul(k4, C4);
		k4 = (k4 << 18) | (k4 >>> 14);
		h4 ^= Math.imul(k4, C1);
		h4 = (h4 << 13) | (h4 >>> 19);
		h4 = (Math.imul(h4 + h1, 5) + 0x32ac3b17) | 0;
	}

	// The tail: 0–7 code units, an even number of bytes (at most 14, so k4 holds one unit).
	const rest = n - i;
	if (rest > 0) {
		k1 = u[i]! | (rest > 1 ? u[i + 1]! << 16 : 0);
		if (rest > 2) {
			k2 = u[i + 2]! | (rest > 3 ? u[i + 3]! << 16 : 0);
			if (rest > 4) {
				k3 = u[i + 4]! | (rest > 5 ? u[i + 5]! << 16 : 0);
				if (rest > 6) {
					k4 = Math.imul(u[i + 6]!, C4);
					k4 = (k4 << 18) | (k4 >>> 14);
					h4 ^= Math.imul(k4, C1);
				}
				k3 = Math.imul(k3, C3);
				k3 = (k3 << 17) | (k3 >>> 15);
				h3 ^= Math.imul(k3, C4);
			}
			k2 = Math.imul(k2, C2);
			k2 = (k2 << 16) | (k2 >>> 16);
			h2 ^= Math.imul(k2, C3);
		}
		k1 = Math.imul(k1, C1);
		k1 = (k1 << 15) | (k1 >>> 17);
		h1 ^= Math.imul(k1, C2);
	}

	const bytes = n * 2;
	h1 ^= bytes;
	h2 ^= bytes;
	h3 ^= bytes;
	h4 ^= bytes;
	h1 = (h1 + h2 + h3 + h4) | 0;
	h2 = (h2 + h1) | 0;
	h3 = (h3 + h1) | 0;
	h4 = (h4 + h1) | 0;
	h1 = fmix(h1);
	h2 = fmix(h2);
	h3 = fmix(h3);
	h4 = fmix(h4);
	h1 = (h1 + h2 + h3 + h4) | 0;
	digest[0] = h1;
	digest[1] = (h2 + h1) | 0;
	digest[2] = (h3 + h1) | 0;
	digest[3] = (h4 + h1) | 0;
	return digest;
}

/** Character codes of the hex digits. */
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * Builds an id from its parts without joining them: `begin()`, then `text`/`int`/`opt` for each
 * part in order, then `id(prefix)`: `prefix:` and 80 bits of the hash of the parts as
 * `parts.join('\u001f')` would give them (numbers as String() writes them). One per parser;
 * not re-entrant (parts of two ids must not interleave).
 */
export class ContentKey {
	/** Grows to the longest id content seen; NDJSON's field limits keep that to a few thousand units. */
	#units = new Uint16Array(512);
	#n = 0;
	#parts = 0;

	begin(): this {
		this.#n = 0;
		this.#parts = 0;
		return this;
	}

	#room(more: number): Uint16Array {
		if (this.#n + more > this.#units.length) {
			const bigger = new Uint16Array(Math.max(this.#units.length * 2, this.#n + more));
			bigger.set(this.#units.subarray(0, this.#n));
			this.#units = bigger;
		}
		return this.#units;
	}

	/** The next part: a string ("" for an absent optional one). */
	text(s: string): this {
		const len = s.length;
		const u = this.#room(len + 1);
		let n = this.#n;
		if (this.#parts++ > 0) u[n++] = 0x1f;
		for (let i = 0; i < len; i++) u[n + i] = s.charCodeAt(i);
		this.#n = n + len;
		return this;
	}

	/** The next part: a number, as String(v) writes it (whole numbers without the string). */
	int(v: number): this {
		if (!(v >= 0 && v <= Number.MAX_SAFE_INTEGER && Number.isInteger(v))) return this.text(String(v));
		const u = this.#room(17);
		let n = this.#n;
		if (this.#parts++ > 0) u[n++] = 0x1f;
		if (v <= 0x7fffffff) {
			this.#n = writeDigits(u, n, v | 0);
			return this;
		}
		// Epoch milliseconds are past 32 bits: the digits above the low nine, then those nine in
		// threes from a table (a digit at a time, in doubles, was slower than the hash).
		const high = Math.floor(v / 1e9);
		const low = (v - high * 1e9) | 0;
		n = writeDigits(u, n, high | 0);
		const a = (low / 1e6) | 0;
		const rest = low - a * 1e6;
		const b = (rest / 1000) | 0;
		n = writeThree(u, n, a);
		n = writeThree(u, n, b);
		this.#n = writeThree(u, n, rest - b * 1000);
		return this;
	}

	/** The next part: a number, or "" when there is none. */
	opt(v: number | undefined): this {
		return v === undefined ? this.text('') : this.int(v);
	}

	/** `prefix:` and the first 80 bits of the digest in hex (h1, h2, the high half of h3). */
	id(prefix: string): string {
		const h = murmur128(this.#units, this.#n);
		const a = h[0]!;
		const b = h[1]!;
		const c = h[2]!;
		// :TRICKY: one fromCharCode, not toString(16): a word over 2^31 is a double to V8, and
		// its radix conversion alone took longer than the hash. The join keeps the id one flat
		// string (a template would make a rope that every later reader walks).
		const hex = String.fromCharCode(
			HEX[a >>> 28]!, HEX[(a >>> 24) & 15]!, HEX[(a >>> 20) & 15]!, HEX[(a >>> 16) & 15]!,
			HEX[(a >>> 12) & 15]!, HEX[(a >>> 8) & 15]!, HEX[(a >>> 4) & 15]!, HEX[a & 15]!,
			HEX[b >>> 28]!, HEX[(b >>> 24) & 15]!, HEX[(b >>> 20) & 15]!, HEX[(b >>> 16) & 15]!,
			HEX[(b >>> 12) & 15]!, HEX[(b >>> 8) & 15]!, HEX[(b >>> 4) & 15]!, HEX[b & 15]!,
			HEX[c >>> 28]!, HEX[(c >>> 24) & 15]!, HEX[(c >>> 20) & 15]!, HEX[(c >>> 16) & 15]!
		);
		return [prefix, hex].join(':');
	}
}

/** numberText's digits of 0–999 (three each, leading zeros) as character codes. */
const THREE_DIGIT_CODES = Uint16Array.from(THREE_DIGITS.join(''), (c) => c.charCodeAt(0));

function writeThree(u: Uint16Array, n: number, v: number): number {
	const at = v * 3;
	u[n] = THREE_DIGIT_CODES[at]!;
	u[n + 1] = THREE_DIGIT_CODES[at + 1]!;
	u[n + 2] = THREE_DIGIT_CODES[at + 2]!;
	return n + 3;
}

/** Writes the decimal digits of a whole number in 0…2^31−1 at `n`; returns the end. */
function writeDigits(u: Uint16Array, n: number, v: number): number {
	let end = n + 1;
	for (let x = v; x >= 10; x = (x / 10) | 0) end++;
	let at = end;
	let x = v;
	do {
		const q = (x / 10) | 0;
		u[--at] = 48 + x - q * 10;
		x = q;
	} while (x > 0);
	return end;
}

/** The digest's four words for a string, for tests against the reference implementation. */
export function murmur128OfString(s: string): number[] {
	const u = new Uint16Array(s.length);
	for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
	return [...murmur128(u, s.length)];
}
