/**
 * The forecast as the server shows it: loads the rollups' history, forecasts today and the next
 * working days per topic and channel (model.ts), corrects today by how it is running, projects
 * the rest of today's calls with the staff now less their planned breaks (rest.ts, breaks.ts),
 * warns where the breaks leave fewer consultants than needed (breakWarnings.ts), and stores each interval's forecast
 * when it is made (forecast_intervals, never rewritten) so its accuracy can be scored.
 */
import { TZDate } from '@date-fns/tz';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import { queryRows } from '../clickhouse/sql.ts';
import type { TopicStaffing } from '../ewt/staffing.ts';
import { ForecastDays } from './days.ts';
import { addDays, correctedByToday, forecastDay, learnEffects, SLOTS, type DayForecast, type Effects, type Series } from './model.ts';
import { forecastAccuracy, type AccuracyRow } from './accuracy.ts';
import { projectedDayServiceLevel, restInterval, type RestInterval } from './rest.ts';
import { awayByTopic, emptyAway, type Away, type ConsultantBreaks } from './breaks.ts';
import { breakWarnings, type BreakWarning } from './breakWarnings.ts';
import { readConsultantRows, type ConsultantRow } from '../live/consultants.ts';

const Q_MS = 15 * 60_000;
/** Quarter-hour history kept for levels and profiles; older days are day totals only. */
const SLOT_DAYS = 70;
/** Day totals back this far: last year's season, the fund calendar's days. */
const TOTAL_DAYS = 430;
const UPCOMING_DAYS = 5;
const CACHE_MS = 55_000;

export type SlotView = { slot: number; time: string; expected: number; low: number; high: number; dayAhead: number; actual: number | null };
export type SeriesView = { topic: string; channel: string; dayAhead: number; projected: number; actualSoFar: number; ratio: number; slots: SlotView[] };
export type RestView = {
	topic: string;
	agentsServing: number;
	ahtS: number;
	patienceS: number | null;
	targetS: number;
	goal: number;
	serviceLevelSoFar: number | null;
	projectedServiceLevel: number | null;
	intervals: (RestInterval & {
		time: string;
		/** Consultants expected at work: serving now, less those expected on planned breaks (breaks.ts). */
		agents: number;
		/** Of those serving now, expected on a planned break; of which on lunch. */
		onBreak: number;
		onLunch: number;
	})[];
	/** The TV's line: "iki 17:00: 78 % iš 80 %". */
	line: { lt: string; en: string } | null;
	/** Where planned breaks leave fewer consultants than the quarter hour needs (today only). */
	warnings: BreakWarning[];
};
export type UpcomingDay = { date: string; weekday: number; calls: number; change: number; events: { id: string; name: { lt: string; en: string }; effect: number; learnt: boolean }[] };
export type { AccuracyRow } from './accuracy.ts';
export type ForecastView = {
	asOf: string;
	date: string;
	slot: number;
	closesAt: string | null;
	series: SeriesView[];
	rest: RestView[];
	upcoming: UpcomingDay[];
	accuracy: AccuracyRow[];
};

type SlotRow = { date: string; slot: number; topic: string; channel: string; offered: number; short_abandoned: number; answered_in_sl: number };
type TotalRow = { date: string; topic: string; channel: string; offered: number };

const hhmm = (slot: number) => `${String(Math.floor(slot / 4)).padStart(2, '0')}:${String((slot % 4) * 15).padStart(2, '0')}`;
const chTime = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');
const pct = (x: number) => `${Math.round(100 * x)} %`;

export class ForecastService {
	readonly #db: ClickHouseClient;
	readonly #config: Config;
	readonly #days: ForecastDays;
	#cache: { at: number; wallAt: number; view: ForecastView } | null = null;
	/** Intervals already stored per horizon ("bucketMs|topic|channel"), loaded once per day. */
	#stored = new Map<string, Set<string>>();
	#storedDay = '';

	constructor(db: ClickHouseClient, config: Config) {
		this.#db = db;
		this.#config = config;
		this.#days = new ForecastDays(config);
	}

	#midnight(date: string): number {
		return new TZDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 0, 0, 0, this.#config.timeZone).getTime();
	}

	/** The latest view made, without making one (the alerts read it every tick). */
	latest(): ForecastView | null {
		return this.#cache?.view ?? null;
	}

	async view(staffing: TopicStaffing[], now = Date.now()): Promise<ForecastView> {
		// :TRICKY: on the event clock (EWT_CLOCK=events) "now" stands still between events: the
		// cache also ages by the wall clock, or a view made before the consultants were read would stay.
		const wall = Date.now();
		if (this.#cache && Math.abs(now - this.#cache.at) < CACHE_MS && wall - this.#cache.wallAt < CACHE_MS) return this.#cache.view;
		const view = await this.#compute(staffing, now);
		this.#cache = { at: now, wallAt: wall, view };
		return view;
	}

	async #compute(staffing: TopicStaffing[], now: number): Promise<ForecastView> {
		const tz = this.#config.timeZone;
		const today = this.#days.cal.localDate(now);
		const midnight = this.#midnight(today);
		const slot = Math.min(SLOTS, Math.floor((now - midnight) / Q_MS));
		const iso = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');
		const slotFrom = this.#midnight(addDays(today, -SLOT_DAYS));
		const [slotRows, totalRows, breakRows] = await Promise.all([
			queryRows<SlotRow>(this.#db, 'forecast/slots', { tz, from: iso(slotFrom), to: iso(this.#midnight(addDays(today, 1))) }),
			queryRows<TotalRow>(this.#db, 'forecast/day_totals', { tz, from: iso(this.#midnight(addDays(today, -TOTAL_DAYS))), to: iso(slotFrom) }),
			// The consultants as the live view reads them (one definition of who is logged in, and since when).
			readConsultantRows(this.#db, this.#config, now)
		]);
		const away = awayByTopic(this.#config, breakRows.filter((r) => r.state !== 'logged_out').map(toConsultantBreaks), midnight, now, SLOTS);
		const series = new Map<string, Series>();
		const pooled = new Map<string, Series>();
		const todaySl = new Map<string, { counted: number; answeredInSl: number }>();
		const day = (m: Map<string, Series>, key: string, date: string) => {
			let s = m.get(key);
			if (!s) m.set(key, (s = new Map()));
			let d = s.get(date);
			if (!d) s.set(date, (d = new Float64Array(SLOTS)));
			return d;
		};
		for (const r of slotRows) {
			const n = Number(r.offered);
			day(series, `${r.topic}|${r.channel}`, r.date)[r.slot]! += n;
			day(pooled, r.channel, r.date)[r.slot]! += n;
			if (r.date === today && r.channel === 'voice') {
				const s = todaySl.get(r.topic) ?? { counted: 0, answeredInSl: 0 };
				s.counted += n - Number(r.short_abandoned);
				s.answeredInSl += Number(r.answered_in_sl);
				todaySl.set(r.topic, s);
			}
		}
		// Older days carry their total in the first slot: only totals are read from them.
		for (const r of totalRows) {
			day(series, `${r.topic}|${r.channel}`, r.date)[0]! += Number(r.offered);
			day(pooled, r.channel, r.date)[0]! += Number(r.offered);
		}
		const effects = new Map<string, Effects>();
		for (const [channel, s] of pooled) effects.set(channel, learnEffects(s, this.#days, this.#days.configured(), today));

		const views: SeriesView[] = [];
		const corrected = new Map<string, DayForecast>();
		const dayAheadOf = new Map<string, DayForecast>();
		for (const [key, s] of series) {
			const [topic, channel] = key.split('|') as [string, string];
			if (!this.#config.topics.some((t) => t.id === topic)) continue;
			const opts = { pooled: pooled.get(channel) };
			const f = forecastDay(s, this.#days, effects.get(channel)!, today, today, opts);
			const actual = s.get(today) ?? new Float64Array(SLOTS);
			const c = correctedByToday(f, actual, slot);
			corrected.set(key, c);
			dayAheadOf.set(key, f);
			let actualSoFar = 0;
			for (let i = 0; i < slot; i++) actualSoFar += actual[i]!;
			const slots: SlotView[] = [];
			for (let i = 0; i < SLOTS; i++) {
				if (f.slots[i]!.mean < 0.05 && actual[i]! === 0) continue;
				const p = c.slots[i]!;
				slots.push({ slot: i, time: hhmm(i), expected: p.mean, low: p.lo, high: p.hi, dayAhead: f.slots[i]!.mean, actual: i < slot ? actual[i]! : null });
			}
			if (f.total === 0 && actualSoFar === 0) continue;
			views.push({ topic, channel, dayAhead: f.total, projected: actualSoFar + c.slots.slice(slot).reduce((a, x) => a + x.mean, 0), actualSoFar, ratio: c.ratio, slots });
		}
		views.sort((a, b) => a.channel.localeCompare(b.channel) || a.topic.localeCompare(b.topic));

		const closesAt = this.#days.cal.isWorkingDay(today) ? this.#days.cal.closingTime(today) : null;
		const rest = this.#rest(staffing, corrected, todaySl, slot, closesAt, away);
		const upcoming = this.#upcoming(series, effects, today);
		await this.#store(midnight, today, slot, dayAheadOf, corrected, now).catch(() => undefined);
		const accuracy = await this.accuracy(now);
		return { asOf: new Date(now).toISOString(), date: today, slot, closesAt: closesAt?.toISOString() ?? null, series: views, rest, upcoming, accuracy };
	}

	#rest(
		staffing: TopicStaffing[],
		corrected: Map<string, DayForecast>,
		soFar: Map<string, { counted: number; answeredInSl: number }>,
		slot: number,
		closesAt: Date | null,
		awayBy: Map<string, Away>
	): RestView[] {
		const close = closesAt ? new Intl.DateTimeFormat('lt-LT', { timeZone: this.#config.timeZone, hour: '2-digit', minute: '2-digit' }).format(closesAt) : null;
		return this.#config.topics.map((t) => {
			const st = staffing.find((s) => s.topic === t.id);
			const f = corrected.get(`${t.id}|voice`);
			const ahtS = st?.ahtS ?? 300;
			const patienceS = st?.patienceS ?? null;
			const input = { agents: st?.agentsServing ?? 0, ahtS, patienceS: patienceS ?? Infinity, targetS: t.serviceLevelTargetSeconds, goal: t.serviceLevelGoal };
			const away = awayBy.get(t.id) ?? emptyAway(SLOTS);
			const intervals = f
				? f.slots
						.map((s, i) => {
							// Nobody is away who is not logged in now: never more away than serving.
							const onBreak = Math.min(input.agents, away.total[i]!);
							const onLunch = Math.min(onBreak, away.lunch[i]!);
							const agents = input.agents - onBreak;
							return { ...restInterval(i, s.mean, { ...input, agents }), time: hhmm(i), agents, onBreak, onLunch };
						})
						.filter((r) => r.slot >= slot && r.expected >= 0.05)
				: [];
			const sf = soFar.get(t.id) ?? { counted: 0, answeredInSl: 0 };
			const projected = projectedDayServiceLevel(sf, intervals);
			const line =
				projected === null || close === null
					? null
					: { lt: `iki ${close}: ${pct(projected)} iš ${pct(t.serviceLevelGoal)}`, en: `by ${close}: ${pct(projected)} of ${pct(t.serviceLevelGoal)}` };
			return {
				topic: t.id,
				agentsServing: input.agents,
				ahtS,
				patienceS,
				targetS: t.serviceLevelTargetSeconds,
				goal: t.serviceLevelGoal,
				serviceLevelSoFar: sf.counted > 0 ? sf.answeredInSl / sf.counted : null,
				projectedServiceLevel: projected,
				intervals,
				line,
				warnings: breakWarnings(intervals)
			};
		});
	}

	/** The next working days' calls (voice, all topics), against an ordinary same weekday, with their known events. */
	#upcoming(series: Map<string, Series>, effects: Map<string, Effects>, today: string): UpcomingDay[] {
		const out: UpcomingDay[] = [];
		const voice = [...series].filter(([k]) => k.endsWith('|voice'));
		const eff = effects.get('voice');
		if (!eff) return out;
		for (let d = addDays(today, 1); out.length < UPCOMING_DAYS; d = addDays(d, 1)) {
			const info = this.#days.info(d);
			if (!info.working) continue;
			let calls = 0;
			let factor = 1;
			for (const [, s] of voice) {
				const f = forecastDay(s, this.#days, eff, d, today);
				calls += f.total;
				factor = f.factor;
			}
			const events = this.#days.fund.on(d).map((e) => ({ id: e.id, name: e.name, effect: eff.get(e.id)?.effect ?? e.effect, learnt: eff.get(e.id)?.learnt ?? false }));
			if (info.factors.includes('after-holiday')) {
				const a = eff.get('after-holiday');
				events.push({ id: 'after-holiday', name: { lt: 'po šventinės dienos', en: 'after a public holiday' }, effect: a?.effect ?? 1, learnt: a?.learnt ?? false });
			}
			out.push({ date: d, weekday: new Date(`${d}T12:00:00Z`).getUTCDay() || 7, calls, change: factor - 1, events });
		}
		return out;
	}

	/**
	 * Freezes forecasts as they are made: the day-ahead forecast of every interval still to
	 * come today (history only), and the running forecast of the interval starting in an hour.
	 */
	async #store(midnight: number, today: string, slot: number, dayAhead: Map<string, DayForecast>, corrected: Map<string, DayForecast>, now: number): Promise<void> {
		if (this.#storedDay !== today) {
			this.#stored = new Map();
			for (const horizon of ['day', '1h']) {
				const rows = await queryRows<{ bucket_ms: number; topic: string; channel: string }>(this.#db, 'forecast/stored_keys', {
					horizon,
					from: new Date(midnight).toISOString().slice(0, 19).replace('T', ' '),
					to: new Date(midnight + 86_400_000).toISOString().slice(0, 19).replace('T', ' ')
				});
				this.#stored.set(horizon, new Set(rows.map((r) => `${Number(r.bucket_ms)}|${r.topic}|${r.channel}`)));
			}
			this.#storedDay = today;
		}
		const values: Record<string, unknown>[] = [];
		const add = (horizon: string, key: string, i: number, f: DayForecast) => {
			const bucket = midnight + i * Q_MS;
			const [topic, channel] = key.split('|') as [string, string];
			const id = `${bucket}|${topic}|${channel}`;
			const set = this.#stored.get(horizon)!;
			const s = f.slots[i]!;
			if (set.has(id) || s.mean <= 0) return;
			set.add(id);
			values.push({ bucket: chTime(bucket), topic, channel, horizon, made_at: new Date(now).toISOString().replace('T', ' ').replace('Z', ''), expected: s.mean, low: s.lo, high: s.hi });
		};
		for (const [key, f] of dayAhead) for (let i = slot + 1; i < SLOTS; i++) add('day', key, i, f);
		for (const [key, f] of corrected) if (slot + 4 < SLOTS) add('1h', key, slot + 4, f);
		if (values.length) await this.#db.insert({ table: 'forecast_intervals', values, format: 'JSONEachRow' });
	}

	/** MAPE and bias of the stored forecasts over the last 28 days' finished intervals. */
	async accuracy(now = Date.now()): Promise<AccuracyRow[]> {
		const to = Math.floor(now / Q_MS) * Q_MS;
		return forecastAccuracy(this.#db, to - 28 * 86_400_000, to);
	}
}

function toConsultantBreaks(r: ConsultantRow): ConsultantBreaks {
	const sinceMs = Number(r.since_ms);
	// The spells before the current state: the current one, if a break, is read from the state.
	const pastBreaks = r.spell_reasons.filter((_, i) => Number(r.spell_ms[i]) < sinceMs);
	return { site: r.site || 'unknown', topics: r.topics, state: r.state, reason: r.reason, sinceMs, pastBreaks };
}

/**
 * :TRICKY: one per module copy: the server parts (the CLI's modules) and the routes (the built
 * bundle's copy) each have theirs. The part's, made every minute, is the one the alerts read;
 * the routes' answers the screens, fresh on the first request after a start (a shared one would
 * hand out the part's view made before any data came, for up to CACHE_MS).
 */
const services = new WeakMap<object, ForecastService>();

/** One forecast service per application context. */
export function forecastService(app: { store: { client: ClickHouseClient }; config: Config }): ForecastService {
	let s = services.get(app);
	if (!s) services.set(app, (s = new ForecastService(app.store.client, app.config)));
	return s;
}
