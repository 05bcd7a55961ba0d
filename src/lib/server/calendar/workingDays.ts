/**
 * Working-day arithmetic in the centre's time zone: callbacks are due by the end of the
 * next working day, e-inquiries within N working days. A working day is a day with
 * opening hours that is not a public holiday.
 */
import { TZDate } from '@date-fns/tz';
import { addCalendarDays, isoWeekday, lithuanianHolidays } from './holidays.ts';
import type { Config } from '../config/schema.ts';

export type CalendarConfig = Pick<Config, 'timeZone' | 'openingHours' | 'extraHolidays'>;

export class WorkingCalendar {
	readonly #config: CalendarConfig;
	readonly #holidays = new Map<number, Set<string>>();

	constructor(config: CalendarConfig) {
		this.#config = config;
	}

	#holidaysOf(year: number): Set<string> {
		let set = this.#holidays.get(year);
		if (!set) {
			set = new Set(lithuanianHolidays(year).map((h) => h.date));
			for (const d of this.#config.extraHolidays) if (d.startsWith(`${year}-`)) set.add(d);
			this.#holidays.set(year, set);
		}
		return set;
	}

	/** The centre's time zone, in which its dates are read. */
	get timeZone(): string {
		return this.#config.timeZone;
	}

	isHoliday(date: string): boolean {
		return this.#holidaysOf(Number(date.slice(0, 4))).has(date);
	}

	isWorkingDay(date: string): boolean {
		const hours = this.#config.openingHours[String(isoWeekday(date)) as keyof CalendarConfig['openingHours']];
		return hours != null && !this.isHoliday(date);
	}

	/** The centre's calendar date (YYYY-MM-DD) at an instant. */
	localDate(at: Date | number): string {
		const t = new TZDate(typeof at === 'number' ? at : at.getTime(), this.#config.timeZone);
		return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
	}

	/** The first working day strictly after `date`. */
	nextWorkingDay(date: string): string {
		let d = addCalendarDays(date, 1);
		while (!this.isWorkingDay(d)) d = addCalendarDays(d, 1);
		return d;
	}

	/** The working day `n` working days after `date` (n ≥ 1). */
	addWorkingDays(date: string, n: number): string {
		let d = date;
		for (let i = 0; i < n; i++) d = this.nextWorkingDay(d);
		return d;
	}

	/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
	workingDaysBetween(from: string, to: string): number {
		let count = 0;
		for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (this.isWorkingDay(d)) count++;
		return count;
	}

	/** The instant the centre closes on `date` (a working day), as a UTC Date. */
	closingTime(date: string): Date {
		const hours = this.#config.openingHours[String(isoWeekday(date)) as keyof CalendarConfig['openingHours']];
		if (!hours) throw new Error(`${date} is not a working day`);
		return this.#instant(date, hours.close);
	}

	/** The instant the centre opens on `date` (a working day), as a UTC Date. */
	openingTime(date: string): Date {
		const hours = this.#config.openingHours[String(isoWeekday(date)) as keyof CalendarConfig['openingHours']];
		if (!hours) throw new Error(`${date} is not a working day`);
		return this.#instant(date, hours.open);
	}

	/** Whether the centre is open at an instant. */
	isOpen(at: Date | number): boolean {
		const date = this.localDate(at);
		if (!this.isWorkingDay(date)) return false;
		const t = typeof at === 'number' ? at : at.getTime();
		return t >= this.openingTime(date).getTime() && t < this.closingTime(date).getTime();
	}

	/**
	 * When a callback requested at `at` is due: the close of the next working day.
	 * A request made on Friday evening is due on Monday (Tuesday if Monday is a holiday).
	 */
	callbackDue(at: Date | number): Date {
		return this.closingTime(this.nextWorkingDay(this.localDate(at)));
	}

	/** When an e-inquiry received at `at` is due: the close of the N-th working day after it. */
	eInquiryDue(at: Date | number, workingDays: number): Date {
		return this.closingTime(this.addWorkingDays(this.localDate(at), workingDays));
	}

	#instant(date: string, hhmm: string): Date {
		const [y, m, d] = date.split('-').map(Number) as [number, number, number];
		const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
		// :TRICKY: TZDate resolves the wall-clock time in the centre's zone, DST included.
		return new Date(new TZDate(y, m - 1, d, hh, mm, 0, this.#config.timeZone).getTime());
	}
}
