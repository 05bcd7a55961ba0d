/**
 * Wall-clock times without an offset ("2021-03-30 17:39:11.905999", as queue_log realtime
 * tables and CDR CSV write them) turned into UTC epoch milliseconds in a given zone.
 * :TRICKY: at the autumn DST change a local hour happens twice; we take the later
 * (winter-time) instant: a source without offsets cannot tell them apart. In the spring
 * gap a non-existent local time moves forward by the gap (03:30 on 29 March 2026 is 04:30).
 */
import { tz } from '@date-fns/tz';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/;

// Offsets change a few times a year; cache them per zone and local hour.
const offsetCache = new Map<string, number>();

function offsetMinutes(zone: string, y: number, mo: number, d: number, h: number): number {
	const key = `${zone}|${y}-${mo}-${d}-${h}`;
	let off = offsetCache.get(key);
	if (off === undefined) {
		const guess = Date.UTC(y, mo - 1, d, h);
		// The zone's offset at the instant that has this wall-clock hour (two passes settle DST).
		const at = tz(zone);
		let o = -at(guess).getTimezoneOffset();
		o = -at(guess - o * 60_000).getTimezoneOffset();
		off = o;
		if (offsetCache.size > 100_000) offsetCache.clear();
		offsetCache.set(key, off);
	}
	return off;
}

/** Parses a local "YYYY-MM-DD HH:MM:SS[.fraction]" in `zone`; null when it is not one. */
export function localTimeToEpochMs(text: string, zone: string): number | null {
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
