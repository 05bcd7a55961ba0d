/**
 * Which of the fund's known events fall on a date. A monthly day that is a weekend or holiday
 * moves to the next working day (payments are made then, and the calls come then); a one-off
 * date counts as given. Used by the forecast and by the simulator, whose history therefore has
 * the same events (its effects are the truth the forecast must learn).
 */
import type { FundEvent } from '../config/schema.ts';
import { isoDate } from '../calendar/holidays.ts';

type Calendar = { isWorkingDay(date: string): boolean; nextWorkingDay(date: string): string };

export class FundCalendar {
	readonly events: readonly FundEvent[];
	readonly #cal: Calendar;
	readonly #byDate = new Map<string, FundEvent[]>();
	readonly #months = new Set<string>();

	constructor(events: readonly FundEvent[], cal: Calendar) {
		this.events = events;
		this.#cal = cal;
	}

	/** The events on a date (none on a closed day). */
	on(date: string): FundEvent[] {
		this.#fill(date.slice(0, 7));
		// A monthly day late in a month can move into the next: fill the month before too.
		const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
		this.#fill(m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`);
		return this.#byDate.get(date) ?? [];
	}

	#fill(month: string): void {
		if (this.#months.has(month)) return;
		this.#months.add(month);
		const y = Number(month.slice(0, 4));
		const m = Number(month.slice(5, 7));
		const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
		for (const e of this.events) {
			const dates: string[] = e.dates.filter((d) => d.startsWith(month));
			if (!e.months || e.months.includes(m)) for (const d of e.monthDays) if (d <= last) dates.push(isoDate(y, m, d));
			for (const d of dates) {
				const day = this.#cal.isWorkingDay(d) ? d : this.#cal.nextWorkingDay(d);
				const list = this.#byDate.get(day) ?? [];
				if (!list.includes(e)) list.push(e);
				this.#byDate.set(day, list);
			}
		}
	}
}
