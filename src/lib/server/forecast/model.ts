/**
 * The forecast of contacts offered per quarter hour, for one series (a topic on a channel).
 * Simple and explainable, in four steps a planner can redo by hand:
 *
 * 1. Level: the mean day total of the same weekday over the last `weeks` weeks, each day first
 *    divided by its own known factor (a payment day's +30 % is not taken for the new normal).
 * 2. Season and trend: × how the target week compared with those weeks a year before (the same
 *    weekdays 364 days earlier): a January that was 20 % busier than December last year is
 *    expected to be again. Without a year of history this factor is 1.
 * 3. Known days: × the factor of each of the fund's events on the day (and of the first working
 *    day after a holiday), learnt from history as the median of such days' totals over the same
 *    weekday in the weeks around them; the configured effect until history has two such days.
 * 4. Shape: the day is spread over its quarter hours by the same weekday's profile (the series'
 *    own, leaned on the channel's when the series is small).
 *
 * During the day the remaining quarter hours are multiplied by today's running ratio, actual
 * over forecast so far, leaned towards 1 while little has happened: (α + actual) ÷ (α +
 * forecast), with α = 1 ÷ cv² of days around their forecast. The 80 % interval is the Poisson
 * variation of a quarter hour plus the day's own uncertainty (cv² ÷ (1 + forecast so far ÷ α)).
 */

export const SLOTS = 96;
const Z80 = 1.2816;

/** Counts per local quarter hour (slot 0 = 00:00–00:15), by local date. */
export type Series = Map<string, Float64Array>;

export type DayInfo = {
	working: boolean;
	/** Factor ids on the day: the fund's event ids, and 'after-holiday'. */
	factors: string[];
};

export type Days = {
	info(date: string): DayInfo;
};

export type Effects = Map<string, { effect: number; learnt: boolean; days: number }>;

export type SlotForecast = { mean: number; lo: number; hi: number };

export type DayForecast = {
	date: string;
	slots: SlotForecast[];
	total: number;
	level: number;
	season: number;
	factor: number;
	/** cv of a day's total around its forecast (beyond Poisson). */
	cv: number;
};

const DAY_MS = 86_400_000;

export function addDays(date: string, n: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

const sum = (a: ArrayLike<number>) => {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += a[i]!;
	return s;
};

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The known factor of a day: the product of its events' effects. */
export function dayFactor(days: Days, effects: Effects, date: string): number {
	let f = 1;
	for (const id of days.info(date).factors) f *= effects.get(id)?.effect ?? 1;
	return f;
}

/**
 * Learns each factor's effect from the history that has it: a day's total over the mean of the
 * ordinary same weekdays 1–2 weeks either side; the median of those ratios once two days have
 * it, else the configured effect.
 */
export function learnEffects(series: Series, days: Days, configured: Map<string, number>, before: string): Effects {
	const ratios = new Map<string, number[]>();
	const total = (d: string) => {
		const s = series.get(d);
		return s ? sum(s) : null;
	};
	for (const [date] of series) {
		if (date >= before) continue;
		const info = days.info(date);
		if (!info.working || info.factors.length !== 1) continue;
		const t = total(date);
		if (t === null || t <= 0) continue;
		const around: number[] = [];
		for (const k of [-14, -7, 7, 14]) {
			const d = addDays(date, k);
			if (d >= before) continue;
			const di = days.info(d);
			const v = total(d);
			if (di.working && di.factors.length === 0 && v !== null && v > 0) around.push(v);
		}
		if (around.length < 2) continue;
		const id = info.factors[0]!;
		const list = ratios.get(id) ?? [];
		list.push(t / (sum(around) / around.length));
		ratios.set(id, list);
	}
	const out: Effects = new Map();
	for (const [id, effect] of configured) {
		const r = ratios.get(id) ?? [];
		out.set(id, r.length >= 2 ? { effect: median(r), learnt: true, days: r.length } : { effect, learnt: false, days: r.length });
	}
	return out;
}

export type ForecastOptions = {
	/** Weeks of the same weekday the level averages. */
	weeks?: number;
	/** The channel's own series (all topics), whose profile a small series leans on. */
	pooled?: Series;
};

/** Same weekdays before `origin` (exclusive) going back `weeks` weeks from the target. */
function sameWeekdays(date: string, origin: string, weeks: number): string[] {
	const out: string[] = [];
	for (let k = 1; out.length < weeks && k <= weeks + 8; k++) {
		const d = addDays(date, -7 * k);
		if (d < origin) out.push(d);
	}
	return out;
}

/**
 * The forecast of `date` as known before `origin` (only days before it are used). `origin` is
 * the day the forecast is made on: for today's forecast, today (before any of today happened).
 */
export function forecastDay(series: Series, days: Days, effects: Effects, date: string, origin: string, opts: ForecastOptions = {}): DayForecast {
	const weeks = opts.weeks ?? 6;
	const empty = (): DayForecast => ({ date, slots: Array.from({ length: SLOTS }, () => ({ mean: 0, lo: 0, hi: 0 })), total: 0, level: 0, season: 1, factor: 1, cv: 0 });
	if (!days.info(date).working) return empty();
	const usable = (d: string) => days.info(d).working && series.has(d);
	const normTotal = (d: string) => sum(series.get(d)!) / dayFactor(days, effects, d);
	const recent = sameWeekdays(date, origin, weeks + 2).filter(usable).slice(0, weeks);
	if (recent.length === 0) return empty();
	const totals = recent.map(normTotal);
	const level = sum(totals) / totals.length;

	// Season: the target's week against the recent weeks, a year before (364 days: same weekday).
	const ly = (d: string) => addDays(d, -364);
	const lyTarget = [-7, 0, 7].map((k) => ly(addDays(date, k))).filter(usable);
	const lyRecent = recent.map(ly).filter(usable);
	let season = 1;
	if (lyTarget.length >= 2 && lyRecent.length >= 3) {
		const a = sum(lyTarget.map(normTotal)) / lyTarget.length;
		const b = sum(lyRecent.map(normTotal)) / lyRecent.length;
		if (a > 0 && b > 0) season = Math.min(2, Math.max(0.5, a / b));
	}
	const factor = dayFactor(days, effects, date);
	const total = level * season * factor;

	// Shape: the series' profile of those days, with the channel's profile as a prior of M calls.
	const M = 3000;
	const own = new Float64Array(SLOTS);
	const pool = new Float64Array(SLOTS);
	for (const d of recent) {
		const s = series.get(d)!;
		const p = opts.pooled?.get(d);
		for (let i = 0; i < SLOTS; i++) {
			own[i]! += s[i]!;
			if (p) pool[i]! += p[i]!;
		}
	}
	const nOwn = sum(own);
	const nPool = sum(pool);
	const shape = new Float64Array(SLOTS);
	for (let i = 0; i < SLOTS; i++) {
		const prior = nPool > 0 ? pool[i]! / nPool : nOwn > 0 ? own[i]! / nOwn : 1 / SLOTS;
		shape[i] = (own[i]! + M * prior) / (nOwn + M);
	}

	// Day-to-day variation beyond Poisson, from the recent same weekdays around their mean.
	let v = 0;
	for (const t of totals) v += (t - level) ** 2;
	const cv2 = totals.length > 1 && level > 0 ? Math.max(0.003, v / (totals.length - 1) / level ** 2 - 1 / level) : 0.01;
	const slots = Array.from(shape, (w) => interval(total * w, cv2));
	return { date, slots, total, level, season, factor, cv: Math.sqrt(cv2) };
}

function interval(mean: number, cv2: number): SlotForecast {
	const sd = Math.sqrt(mean + mean * mean * cv2);
	return { mean, lo: Math.max(0, mean - Z80 * sd), hi: mean + Z80 * sd };
}

/**
 * Today's forecast corrected by how the day is running: `actual` are today's counts of the
 * quarter hours before `slot` (complete ones). Quarter hours from `slot` on are scaled by the
 * running ratio; those before keep the morning's forecast (to compare with what happened).
 */
export function correctedByToday(f: DayForecast, actual: ArrayLike<number>, slot: number): DayForecast & { ratio: number } {
	let A = 0;
	let F = 0;
	for (let i = 0; i < slot; i++) {
		A += actual[i] ?? 0;
		F += f.slots[i]!.mean;
	}
	const cv2 = f.cv * f.cv;
	const alpha = cv2 > 0 ? 1 / cv2 : 1e6;
	const ratio = F > 0 ? (alpha + A) / (alpha + F) : 1;
	const post = 1 / (alpha + A);
	const slots = f.slots.map((s, i) => (i < slot ? s : interval(s.mean * ratio, post)));
	return { ...f, slots, total: slots.reduce((a, s) => a + s.mean, 0), ratio };
}
