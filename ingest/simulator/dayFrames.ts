/**
 * The centre's days as the simulator needs them: local midnight, opening hours and working-day
 * arithmetic as UTC instants, computed once per day from WorkingCalendar (which owns the
 * Lithuanian holidays and the time zone) and cached. The engine asks about days millions of
 * times; WorkingCalendar answers through TZDate, which is too slow to ask per call.
 */
import { TZDate } from '@date-fns/tz';
import type { Config } from '../../src/lib/server/config/schema.ts';
import { isoWeekday } from '../../src/lib/server/calendar/holidays.ts';
import { WorkingCalendar } from '../../src/lib/server/calendar/workingDays.ts';
import type { DateRange } from './params.ts';

const DAY_MS = 86_400_000;

export type DayFrame = {
	/** Days since 1970-01-01 of the local date: consecutive days have consecutive indexes. */
	index: number;
	date: string;
	year: number;
	/** 1–12. */
	month: number;
	/** ISO weekday, 1 = Monday. */
	weekday: number;
	/** Local midnight and the next local midnight, UTC ms. */
	start: number;
	end: number;
	working: boolean;
	/** A public holiday on a weekday (the centre is closed; the next working day is busier). */
	weekdayHoliday: boolean;
	/** Opening hours, UTC ms (0 when closed). */
	open: number;
	close: number;
	/** When queues take calls: the opening hours, or the whole day in night-time service (0 when closed). */
	serviceOpen: number;
	serviceClose: number;
	nightService: boolean;
};

export function dayIndexOf(date: string): number {
	return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOfIndex(index: number): string {
	return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

export class DayFrames {
	readonly calendar: WorkingCalendar;
	readonly #timeZone: string;
	readonly #night: [number, number][];
	readonly #frames = new Map<number, DayFrame>();

	constructor(config: Config, nightService: DateRange[]) {
		this.calendar = new WorkingCalendar(config);
		this.#timeZone = config.timeZone;
		this.#night = nightService.map((r) => [dayIndexOf(r.from), dayIndexOf(r.to)]);
	}

	byIndex(index: number): DayFrame {
		let f = this.#frames.get(index);
		if (!f) {
			f = this.#build(index);
			this.#frames.set(index, f);
		}
		return f;
	}

	/** The local day an instant falls in. */
	at(ts: number): DayFrame {
		// A guess from UTC, corrected by the frame's bounds (the zone is at most a day off).
		let f = this.byIndex(Math.floor(ts / DAY_MS));
		while (ts < f.start) f = this.byIndex(f.index - 1);
		while (ts >= f.end) f = this.byIndex(f.index + 1);
		return f;
	}

	/** The first working day strictly after the day `index`. */
	nextWorkingDay(index: number): DayFrame {
		let f = this.byIndex(index + 1);
		while (!f.working) f = this.byIndex(f.index + 1);
		return f;
	}

	/** The working day `n` working days after the day `index` (n = 0: the day itself). */
	addWorkingDays(index: number, n: number): DayFrame {
		let f = this.byIndex(index);
		for (let i = 0; i < n; i++) f = this.nextWorkingDay(f.index);
		return f;
	}

	#midnight(index: number): number {
		const d = new Date(index * DAY_MS);
		return new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 0, 0, 0, this.#timeZone).getTime();
	}

	#build(index: number): DayFrame {
		const date = dateOfIndex(index);
		const weekday = isoWeekday(date);
		const working = this.calendar.isWorkingDay(date);
		const open = working ? this.calendar.openingTime(date).getTime() : 0;
		const close = working ? this.calendar.closingTime(date).getTime() : 0;
		const start = this.#midnight(index);
		const end = this.#midnight(index + 1);
		const nightService = working && this.#night.some(([a, b]) => index >= a && index <= b);
		return {
			index,
			date,
			year: Number(date.slice(0, 4)),
			month: Number(date.slice(5, 7)),
			weekday,
			start,
			end,
			working,
			weekdayHoliday: weekday <= 5 && this.calendar.isHoliday(date),
			open,
			close,
			serviceOpen: nightService ? start : open,
			serviceClose: nightService ? end : close,
			nightService
		};
	}
}
