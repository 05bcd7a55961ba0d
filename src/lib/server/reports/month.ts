/**
 * A report month: "YYYY-MM" of the centre's calendar, checked once where it enters, and its
 * UTC bounds from the zone's rules (a DST month is 743 or 745 hours long, never 31 × 24).
 */
import { addMonths } from '../../charts/fill.ts';
import { localDateOf, startOfLocalDay, type UtcRange } from '../stats/periodRange.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The message is English (CLI, API); `lt` says the same for the Lithuanian /reports page. */
export class MonthError extends Error {
	override name = 'MonthError';
	readonly lt: string;
	constructor(message: string, lt: string) {
		super(message);
		this.lt = lt;
	}
}

/** Refuses anything but a real YYYY-MM month that has started in the centre's zone. */
export function parseMonth(value: string | null | undefined, timeZone: string, now = Date.now()): string {
	if (!value || !MONTH.test(value))
		throw new MonthError(`month must be YYYY-MM (e.g. 2026-10), got "${value ?? ''}"`, `Mėnuo nurodomas formatu MMMM-MM (pvz., 2026-10), gauta „${value ?? ''}“.`);
	if (Number(value.slice(0, 4)) < 2000) throw new MonthError(`month ${value} is before 2000`, `Mėnuo ${value} yra ankstesnis nei 2000 m.`);
	const current = localDateOf(now, timeZone).slice(0, 7);
	if (value > current)
		throw new MonthError(`month ${value} has not started yet (it is ${current} in ${timeZone})`, `Mėnuo ${value} dar neprasidėjo (${timeZone} laiku dabar ${current}).`);
	return value;
}

export function lastDayOf(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The month's local dates and UTC bounds [start of day 1, start of the next month's day 1). */
export function monthRange(month: string, timeZone: string): UtcRange {
	return {
		fromMs: startOfLocalDay(`${month}-01`, timeZone),
		toMs: startOfLocalDay(`${addMonths(month, 1)}-01`, timeZone),
		fromDate: `${month}-01`,
		toDate: lastDayOf(month)
	};
}

/** The centre's current month. */
export const currentMonth = (timeZone: string, now = Date.now()) => localDateOf(now, timeZone).slice(0, 7);

export { addMonths };
