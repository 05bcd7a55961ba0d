/**
 * When a closed month is frozen: at the opening time of the month's first working day
 * (Lithuanian public holidays and closed days skipped), the previous month is stored for the
 * whole centre. Opening time rather than midnight, so the last night's stragglers (a PBX
 * connector catching up, the e-inquiry portal's nightly export) are in. Anything later makes
 * a new revision, never a silent change.
 */
import { addCalendarDays } from '../calendar/holidays.ts';
import type { WorkingCalendar } from '../calendar/workingDays.ts';
import { addMonths } from './month.ts';

export function firstWorkingDay(month: string, calendar: WorkingCalendar): string {
	let d = `${month}-01`;
	while (!calendar.isWorkingDay(d)) d = addCalendarDays(d, 1);
	return d;
}

/** The month that should be frozen by `now` (the one before the current), or null if not yet. */
export function monthToFreeze(now: number, calendar: WorkingCalendar): string | null {
	const month = calendar.localDate(now).slice(0, 7);
	const first = firstWorkingDay(month, calendar);
	return now >= calendar.openingTime(first).getTime() ? addMonths(month, -1) : null;
}
