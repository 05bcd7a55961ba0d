/**
 * Planned breaks in the projection of the rest of the day (issue #19): how many of the
 * consultants logged in now are expected to be away on a planned break in each remaining
 * quarter hour. The rule, as the README and the glossary say it:
 *
 * - Only consultants logged in now count; nobody who has not logged in is added.
 * - Each site has its break schedule (config `breaks`: a site's own, else the centre's), each
 *   break `minutes` long, taken once a day between `from` and `to`, known by its not-ready
 *   reason codes. A consultant's breaks of the day are matched to the schedule in order: his
 *   first "break" is the morning break, his second the afternoon one.
 * - A consultant on a planned break now returns `minutes` after his state started (on lunch since
 *   11:50, 45 minutes: back at 12:35); one already past it is taken to be back now.
 * - A break not yet taken today will be: its minutes are spread evenly over what is left of its
 *   window (from now, or after the break he is on), so 10 consultants owing a 45-minute lunch
 *   over a 3-hour window are 10 × 45 ÷ 180 = 2.5 consultants away in every quarter hour of it.
 *   A window too short for the break left in it is stretched to fit: the break is still taken.
 *   A break whose window closed before now was skipped (or given another reason): not expected.
 *
 * Results are consultant-equivalents per quarter hour (a consultant away 5 of its 15 minutes
 * is 1/3): the expected number away, which Erlang then meets with the staff left.
 *
 * :TRICKY: quarter hours are counted from the local midnight, as the forecast's are (service.ts);
 * on the two days a year the clocks change (Sundays, closed) a time would be an hour off.
 */
import type { BreakRule, Config } from '../config/schema.ts';

const Q_MS = 15 * 60_000;
const MIN_MS = 60_000;

/** A consultant logged in now, from his row of sql/queries/live/consultants_now.sql. */
export type ConsultantBreaks = {
	site: string;
	topics: string[];
	state: string;
	reason: string;
	/** When his current state began (the first event of the latest run of the same state and reason). */
	sinceMs: number;
	/** The reasons of his not-ready spells that began today before the current state, in order. */
	pastBreaks: string[];
};

/** Expected consultants away per quarter hour of the day (index = slot from local midnight). */
export type Away = { total: Float64Array; lunch: Float64Array };

export function breakRulesFor(config: Pick<Config, 'breaks'>, site: string): BreakRule[] {
	const own = config.breaks.sites[site];
	return [...(own ?? config.breaks.schedule)].sort((a, b) => minutes(a.from) - minutes(b.from));
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const norm = (reason: string) => reason.trim().toLowerCase();

export function emptyAway(slots: number): Away {
	return { total: new Float64Array(slots), lunch: new Float64Array(slots) };
}

/** Adds `weight` consultants away over [from, to) to the quarter hours it overlaps, by the share of each it covers. */
function spread(away: Away, lunch: boolean, midnightMs: number, from: number, to: number, weight: number): void {
	if (!(to > from) || !(weight > 0)) return;
	const slots = away.total.length;
	for (let i = Math.max(0, Math.floor((from - midnightMs) / Q_MS)); i < slots; i++) {
		const a = midnightMs + i * Q_MS;
		if (a >= to) break;
		const overlap = Math.min(to, a + Q_MS) - Math.max(from, a);
		if (overlap <= 0) continue;
		const x = (weight * overlap) / Q_MS;
		away.total[i]! += x;
		if (lunch) away.lunch[i]! += x;
	}
}

/**
 * Adds one consultant's expected breaks to `away`, by the rule above. `rules` sorted by `from`
 * (breakRulesFor).
 */
export function addConsultantBreaks(away: Away, c: ConsultantBreaks, rules: BreakRule[], midnightMs: number, nowMs: number): void {
	const taken = new Set<BreakRule>();
	/** The schedule's next break this reason stands for; an extra one stands for the last of them. */
	const match = (reason: string): BreakRule | null => {
		const r = norm(reason);
		const all = rules.filter((b) => b.reasons.some((x) => norm(x) === r));
		const next = all.find((b) => !taken.has(b));
		if (next) taken.add(next);
		return next ?? all.at(-1) ?? null;
	};
	for (const reason of c.pastBreaks) match(reason);
	let backAt = nowMs;
	if (c.state === 'not_ready') {
		const rule = match(c.reason);
		if (rule) {
			const end = c.sinceMs + rule.minutes * MIN_MS;
			spread(away, rule.kind === 'lunch', midnightMs, c.sinceMs, end, 1);
			backAt = Math.max(nowMs, end);
		}
	}
	for (const rule of rules) {
		if (taken.has(rule) || nowMs >= midnightMs + minutes(rule.to) * MIN_MS) continue;
		const start = Math.max(midnightMs + minutes(rule.from) * MIN_MS, backAt);
		const end = Math.max(midnightMs + minutes(rule.to) * MIN_MS, start + rule.minutes * MIN_MS);
		spread(away, rule.kind === 'lunch', midnightMs, start, end, (rule.minutes * MIN_MS) / (end - start));
	}
}

/** Per topic: the consultants serving it expected away on a planned break in each quarter hour. */
export function awayByTopic(config: Pick<Config, 'breaks'>, consultants: ConsultantBreaks[], midnightMs: number, nowMs: number, slots: number): Map<string, Away> {
	const out = new Map<string, Away>();
	for (const c of consultants) {
		if (c.topics.length === 0) continue;
		const own = emptyAway(slots);
		addConsultantBreaks(own, c, breakRulesFor(config, c.site), midnightMs, nowMs);
		for (const topic of c.topics) {
			let a = out.get(topic);
			if (!a) out.set(topic, (a = emptyAway(slots)));
			for (let i = 0; i < slots; i++) {
				a.total[i]! += own.total[i]!;
				a.lunch[i]! += own.lunch[i]!;
			}
		}
	}
	return out;
}
