/**
 * A moment `agoMs` before now, but never before the centre's midnight: test data for "today"
 * made at 00:05 in Vilnius would otherwise be yesterday's (a CI run at any hour).
 */
import { localDateOf, startOfLocalDay } from '../../src/lib/server/stats/periodRange.ts';

export const CENTRE_ZONE = 'Europe/Vilnius';

export function earlierToday(agoMs: number, now = Date.now()): number {
	return Math.max(now - agoMs, startOfLocalDay(localDateOf(now, CENTRE_ZONE), CENTRE_ZONE) + 1_000);
}
