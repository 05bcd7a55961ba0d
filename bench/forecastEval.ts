/**
 * The forecast's error per quarter hour against the simulator's rates, next to two naive
 * baselines (the same quarter hour last week; the mean of the last four weeks' same quarter
 * hour, closed days left out), at two horizons: made the evening before (1 day) and an hour
 * before the quarter hour starts, with today's running ratio (1 hour). MAPE over the quarter
 * hours of opening hours, per topic; bias is Σ(forecast − rate) ÷ Σ rate.
 */
import type { Config } from '../src/lib/server/config/schema.ts';
import { ForecastDays } from '../src/lib/server/forecast/days.ts';
import { addDays, correctedByToday, forecastDay, learnEffects, SLOTS } from '../src/lib/server/forecast/model.ts';
import type { SimulatedSeries } from './forecastData.ts';

export type Score = { mape: number; bias: number; n: number };
export type TopicScores = Record<'day' | 'hour' | 'lastWeek' | 'fourWeeks', Score>;

class Acc {
	ape = 0;
	err = 0;
	rate = 0;
	n = 0;
	add(f: number, r: number) {
		this.ape += Math.abs(f - r) / r;
		this.err += f - r;
		this.rate += r;
		this.n++;
	}
	score(): Score {
		return { mape: this.ape / this.n, bias: this.err / this.rate, n: this.n };
	}
}

export function evaluate(config: Config, data: SimulatedSeries, from: string, to: string): Map<string, TopicScores> {
	const days = new ForecastDays(config);
	const out = new Map<string, TopicScores>();
	const accs = new Map(data.topics.map((t) => [t, { day: new Acc(), hour: new Acc(), lastWeek: new Acc(), fourWeeks: new Acc() }]));
	for (let date = from; date < to; date = addDays(date, 1)) {
		if (!days.info(date).working) continue;
		const effects = learnEffects(data.total, days, days.configured(), date);
		for (const t of data.topics) {
			const series = data.counts.get(t)!;
			const rate = data.rates.get(t)!.get(date)!;
			const actual = series.get(date)!;
			const f = forecastDay(series, days, effects, date, date, { pooled: data.total });
			const a = accs.get(t)!;
			const weeks = [1, 2, 3, 4].map((k) => addDays(date, -7 * k)).filter((d) => days.info(d).working && series.has(d));
			for (let s = 0; s < SLOTS; s++) {
				const r = rate[s]!;
				if (!(r > 0.5)) continue;
				a.day.add(f.slots[s]!.mean, r);
				a.hour.add(correctedByToday(f, actual, Math.max(0, s - 4)).slots[s]!.mean, r);
				const last = weeks[0] ? series.get(weeks[0])![s]! : 0;
				a.lastWeek.add(last, r);
				a.fourWeeks.add(weeks.length ? weeks.reduce((x, d) => x + series.get(d)![s]!, 0) / weeks.length : 0, r);
			}
		}
	}
	for (const [t, a] of accs) out.set(t, { day: a.day.score(), hour: a.hour.score(), lastWeek: a.lastWeek.score(), fourWeeks: a.fourWeeks.score() });
	return out;
}

/** Whether the forecast beats both baselines on MAPE for every topic at both horizons. */
export function beatsBaselines(scores: Map<string, TopicScores>): boolean {
	for (const s of scores.values()) {
		const best = Math.min(s.lastWeek.mape, s.fourWeeks.mape);
		if (!(s.day.mape < best && s.hour.mape < best)) return false;
	}
	return true;
}
