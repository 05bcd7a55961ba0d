/**
 * Wall-clock times without an offset ("2021-03-30 17:39:11.905999", as queue_log realtime
 * tables and CDR CSV write them) turned into UTC epoch milliseconds in a given zone.
 * :TRICKY: at the autumn DST change a local hour happens twice; we take the later
 * (winter-time) instant: a source without offsets cannot tell them apart. In the spring
 * gap a non-existent local time moves forward by the gap (03:30 on 29 March 2026 is 04:30).
 */
import { tz } from '@date-fns/tz';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/;

// Offsets change a few times a year; cache them per zone and local hour (a number key: a
// string built per call was a fifth of CDR parsing).
const offsetCache = new Map<string, Map<number, number>>();
let cachedEntries = 0;

function offsetMinutes(zone: string, y: number, mo: number, d: number, h: number): number {
	let byHour = offsetCache.get(zone);
	if (byHour === undefined) offsetCache.set(zone, (byHour = new Map()));
	const key = ((y * 100 + mo) * 100 + d) * 100 + h;
	let off = byHour.get(key);
	if (off === undefined) {
		const guess = Date.UTC(y, mo - 1, d, h);
		// The zone's offset at the instant that has this wall-clock hour (two passes settle DST).
		const at = tz(zone);
		let o = -at(guess).getTimezoneOffset();
		o = -at(guess - o * 60_000).getTimezoneOffset();
		off = o;
		if (++cachedEntries > 100_000) {
			offsetCache.clear();
			cachedEntries = 1;
			offsetCache.set(zone, (byHour = new Map()));
		}
		byHour.set(key, off);
	}
	return off;
}

/** Parses a local "YYYY-MM-DD HH:MM:SS[.fraction]" in `zone`; null when it is not one. */
export function localTimeToEpochMs(text: string, zone: string): number | null {
	// "YYYY-MM-DD HH:MM:SS", the usual form, read without the regex; also with a fraction of
	// zeros (queue_log tables write ".000000" when the PBX keeps whole seconds).
	if ((text.length === 19 || zeroFraction(text)) && text.charCodeAt(10) === 32) {
		const wall = plainWallClock(text);
		if (wall !== null) return wall.ms - offsetMinutes(zone, wall.y, wall.mo, wall.d, wall.h) * 60_000;
	}
	const m = LOCAL.exec(text.trim());
	if (!m) return null;
	const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
		number, number, number, number, number, number
	];
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
	const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
	const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
	const check = new Date(wall);
	if (check.getUTCDate() !== d) return null; // 31 February and the like
	return wall - offsetMinutes(zone, y, mo, d, h) * 60_000;
}

/**
 * "YYYY-MM-DD HH:MM:SS" as the wall-clock instant (UTC) with its fields, under the same checks as
 * the general path; null for anything else, which then takes the general path.
 */
function plainWallClock(t: string): { ms: number; y: number; mo: number; d: number; h: number } | null {
	if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return null;
	const y = digitsAt(t, 0, 4);
	const mo = digitsAt(t, 5, 2);
	const d = digitsAt(t, 8, 2);
	const h = digitsAt(t, 11, 2);
	const mi = digitsAt(t, 14, 2);
	const s = digitsAt(t, 17, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return null;
	const ms = Date.UTC(y, mo - 1, d, h, mi, s, 0);
	if (new Date(ms).getUTCDate() !== d) return null;
	return { ms, y, mo, d, h };
}

/** The decimal number in t[from, from + n), or -1 when one of those is not a digit (hot path: no regex). */
export function digitsAt(t: string, from: number, n: number): number {
	let x = 0;
	for (let i = from; i < from + n; i++) {
		const c = t.charCodeAt(i) - 48;
		if (c < 0 || c > 9) return -1;
		x = x * 10 + c;
	}
	return x;
}

/** ".0…" (1 to 9 zeros) after "YYYY-MM-DD HH:MM:SS". */
function zeroFraction(t: string): boolean {
	if (t.length < 21 || t.length > 29 || t.charCodeAt(19) !== 46) return false;
	for (let i = 20; i < t.length; i++) if (t.charCodeAt(i) !== 48) return false;
	return true;
}
