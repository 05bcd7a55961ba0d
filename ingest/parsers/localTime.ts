/**
 * Wall-clock times without an offset ("2021-03-30 17:39:11.905999", as queue_log realtime
 * tables and CDR CSV write them) turned into UTC epoch milliseconds in a given zone.
 * :TRICKY: at the autumn DST change a local hour happens twice; we take the later
 * (winter-time) instant: a source without offsets cannot tell them apart. In the spring
 * gap a non-existent local time moves forward by the gap (03:30 on 29 March 2026 is 04:30).
 */
import { tzOffset } from '@date-fns/tz';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * What a local hour needs to become UTC: the zone's offsets (minutes) a day before and a day
 * after it, and when they differ the instant the first gave way to the second.
 */
type HourOffsets = { before: number; after: number; changeMs: number };

// Offsets change a few times a year; cache them per zone and local hour (a number key: a
// string built per call was a fifth of CDR parsing).
const offsetCache = new Map<string, Map<number, HourOffsets>>();
let cachedEntries = 0;

/**
 * The UTC instant of a wall-clock time (its fields read as if UTC) in `zone`.
 * :TRICKY: near a change, the offset after it is right when wall − after falls after the
 * change. In the repeated hour that holds along with the offset before it, and wall − after
 * is the later instant, the one we want; in the spring gap neither holds, and the offset from
 * before the change moves the time forward by the gap. (Taking the offset at wall − offset
 * got both wrong west of UTC, and one offset per hour got half-hour changes wrong.)
 */
function wallToEpochMs(zone: string, wall: number): number {
	const o = offsetsOfHour(zone, Math.floor(wall / HOUR_MS));
	if (o.before !== o.after) {
		const withAfter = wall - o.after * 60_000;
		if (withAfter >= o.changeMs) return withAfter;
	}
	return wall - o.before * 60_000;
}

function offsetsOfHour(zone: string, hour: number): HourOffsets {
	let byHour = offsetCache.get(zone);
	if (byHour === undefined) offsetCache.set(zone, (byHour = new Map()));
	let o = byHour.get(hour);
	if (o === undefined) {
		// A day either side of the hour is beyond any offset (at most ±14 h), so a change that
		// concerns it lies in between (assuming no zone changes twice within two days).
		const from = hour * HOUR_MS - DAY_MS;
		const to = hour * HOUR_MS + DAY_MS;
		const before = tzOffset(zone, new Date(from));
		const after = tzOffset(zone, new Date(to));
		o = { before, after, changeMs: before === after ? 0 : changeBetween(zone, from, to, before) };
		if (++cachedEntries > 100_000) {
			offsetCache.clear();
			cachedEntries = 1;
			offsetCache.set(zone, (byHour = new Map()));
		}
		byHour.set(hour, o);
	}
	return o;
}

/** The first second in (from, to] whose offset is no longer `before` (zones change on whole seconds). */
function changeBetween(zone: string, from: number, to: number, before: number): number {
	let lo = from;
	let hi = to;
	while (hi - lo > 1000) {
		const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
		if (tzOffset(zone, new Date(mid)) === before) lo = mid;
		else hi = mid;
	}
	return hi;
}

/** Parses a local "YYYY-MM-DD HH:MM:SS[.fraction]" in `zone`; null when it is not one. */
export function localTimeToEpochMs(text: string, zone: string): number | null {
	// "YYYY-MM-DD HH:MM:SS", the usual form, read without the regex; also with a fraction of
	// zeros (queue_log tables write ".000000" when the PBX keeps whole seconds).
	if ((text.length === 19 || zeroFraction(text)) && text.charCodeAt(10) === 32) {
		const wall = plainWallClock(text);
		if (wall !== null) return wallToEpochMs(zone, wall);
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
	return wallToEpochMs(zone, wall);
}

/**
 * "YYYY-MM-DD HH:MM:SS" as the wall-clock instant (UTC), under the same checks as the general
 * path; null for anything else, which then takes the general path.
 */
function plainWallClock(t: string): number | null {
	if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return null;
	const y = digitsAt(t, 0, 4);
	const mo = digitsAt(t, 5, 2);
	const d = digitsAt(t, 8, 2);
	const h = digitsAt(t, 11, 2);
	const mi = digitsAt(t, 14, 2);
	const s = digitsAt(t, 17, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return null;
	const ms = Date.UTC(y, mo - 1, d, h, mi, s, 0);
	return new Date(ms).getUTCDate() === d ? ms : null;
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
