/**
 * What the forecast knows about a date before it happens: open or closed (Lithuanian holidays,
 * opening hours), the fund's events on it, and whether it follows a weekday holiday (the calls
 * of the closed day come the day after).
 */
import type { Config } from '../config/schema.ts';
import { isoWeekday } from '../calendar/holidays.ts';
import { WorkingCalendar } from '../calendar/workingDays.ts';
import { FundCalendar } from './fundCalendar.ts';
import { addDays, type DayInfo, type Days } from './model.ts';

export const AFTER_HOLIDAY = 'after-holiday';
/** Expected until the history has such days (the usual first day after a holiday). */
const AFTER_HOLIDAY_EFFECT = 1.2;

export class ForecastDays implements Days {
	readonly cal: WorkingCalendar;
	readonly fund: FundCalendar;
	readonly #cache = new Map<string, DayInfo>();

	constructor(config: Config) {
		this.cal = new WorkingCalendar(config);
		this.fund = new FundCalendar(config.fundCalendar, this.cal);
	}

	info(date: string): DayInfo {
		let i = this.#cache.get(date);
		if (!i) {
			const working = this.cal.isWorkingDay(date);
			const factors = working ? this.fund.on(date).map((e) => e.id) : [];
			const prev = addDays(date, -1);
			if (working && isoWeekday(prev) <= 5 && this.cal.isHoliday(prev)) factors.push(AFTER_HOLIDAY);
			i = { working, factors };
			this.#cache.set(date, i);
		}
		return i;
	}

	/** The configured effects, the prior the history corrects. */
	configured(): Map<string, number> {
		const m = new Map<string, number>([[AFTER_HOLIDAY, AFTER_HOLIDAY_EFFECT]]);
		for (const e of this.fund.events) m.set(e.id, e.effect);
		return m;
	}
}
