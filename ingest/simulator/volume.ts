/**
 * How many calls a day brings: the yearly curve spread over the year's working days by the
 * weekday, month and after-holiday profiles, times the pandemic surge. Each year's day weights
 * are normalised, so the expected calls of a year's days add up to the curve exactly (times the
 * surge where there was one): the yearly-total test relies on it.
 */
import type { DayFrame, DayFrames } from './dayFrames.ts';
import { dayIndexOf } from './dayFrames.ts';
import type { SimParams } from './params.ts';
import { FundCalendar } from '../../src/lib/server/forecast/fundCalendar.ts';

export class VolumeModel {
	readonly #p: SimParams;
	readonly #frames: DayFrames;
	readonly #yearWeight = new Map<number, number>();
	readonly #workingDays = new Map<number, number>();
	readonly #surge: [number, number, number][];
	readonly #fund: FundCalendar;

	constructor(params: SimParams, frames: DayFrames) {
		this.#p = params;
		this.#frames = frames;
		this.#surge = params.pandemic.surge.map((s) => [dayIndexOf(s.from), dayIndexOf(s.to), s.factor]);
		this.#fund = new FundCalendar(params.profile.fundEvents, frames.calendar);
	}

	/** The configured curve: voice calls offered in `year` (before any pandemic surge). */
	yearlyCalls(year: number): number {
		const v = this.#p.volume;
		const fixed = v.yearly[String(year)];
		if (fixed !== undefined) return fixed;
		const start = v.tenYearsAgoCalls;
		const end = v.currentYearCalls;
		const f = (year - (v.currentYear - 10)) / 10;
		if (v.curve === 'geometric') return start * Math.pow(end / start, f);
		if (v.curve === 'linear') return Math.max(0, start + (end - start) * f);
		return start + (end - start) * Math.pow(Math.max(0, f), v.curve.power);
	}

	/** The curve at a day, interpolated between mid-years (for hiring, which follows it smoothly). */
	callsPerYearAround(frame: DayFrame): number {
		const dayOfYear = frame.index - dayIndexOf(`${frame.year}-01-01`);
		const pos = frame.year + dayOfYear / 365.25 - 0.5;
		const y0 = Math.floor(pos);
		const w = pos - y0;
		return this.yearlyCalls(y0) * (1 - w) + this.yearlyCalls(y0 + 1) * w;
	}

	surge(frame: DayFrame): number {
		for (const [from, to, factor] of this.#surge) if (frame.index >= from && frame.index <= to) return factor;
		return 1;
	}

	/** Relative weight of a day before normalisation (0 when the centre is closed). */
	dayWeight(frame: DayFrame): number {
		if (!frame.working) return 0;
		const p = this.#p.profile;
		let w = p.weekday[frame.weekday - 1]! * p.month[frame.month - 1]!;
		if (this.#frames.byIndex(frame.index - 1).weekdayHoliday) w *= p.afterHoliday;
		for (const e of this.#fund.on(frame.date)) w *= e.effect;
		return w;
	}

	#yearTotals(year: number): void {
		let weight = 0;
		let working = 0;
		const first = dayIndexOf(`${year}-01-01`);
		const last = dayIndexOf(`${year}-12-31`);
		for (let i = first; i <= last; i++) {
			const f = this.#frames.byIndex(i);
			weight += this.dayWeight(f);
			if (f.working) working++;
		}
		this.#yearWeight.set(year, weight);
		this.#workingDays.set(year, working);
	}

	/** The configured expectation of voice calls offered on a day (first attempts and repeats). */
	expectedCalls(frame: DayFrame): number {
		const w = this.dayWeight(frame);
		if (w === 0) return 0;
		if (!this.#yearWeight.has(frame.year)) this.#yearTotals(frame.year);
		return (this.yearlyCalls(frame.year) * w * this.surge(frame)) / this.#yearWeight.get(frame.year)!;
	}

	/** The configured expectation of voice calls offered in a year: the curve times the surge. */
	expectedYearlyCalls(year: number): number {
		let sum = 0;
		for (let i = dayIndexOf(`${year}-01-01`); i <= dayIndexOf(`${year}-12-31`); i++) {
			sum += this.expectedCalls(this.#frames.byIndex(i));
		}
		return sum;
	}

	/** Chats per voice call in a year: none before chat started, then growing to the current share. */
	chatShare(year: number): number {
		const c = this.#p.chat;
		if (year < c.sinceYear) return 0;
		const span = this.#p.volume.currentYear - c.sinceYear;
		const f = span <= 0 ? 1 : Math.min(1, (year - c.sinceYear) / span);
		return c.startShare + (c.currentShare - c.startShare) * f;
	}

	/** The year's calls per working day on average: the scale of after-hours and written traffic. */
	averageWorkingDayCalls(year: number): number {
		if (!this.#workingDays.has(year)) this.#yearTotals(year);
		return this.yearlyCalls(year) / Math.max(1, this.#workingDays.get(year)!);
	}
}
