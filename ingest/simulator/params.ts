/**
 * Every number the simulator uses, in one typed object whose defaults describe our centre:
 * ~1,000,000 calls in the current year, ~200,000 ten years before, three sites, four IVR
 * topics, Šiauliai opening (config `sites[].openedOn`) into an overloaded centre.
 *
 * Durations are seconds here (people think in seconds); the engine works in milliseconds.
 * The waits, abandons and service levels the simulator produces are never set here: they come
 * out of the queue, from arrivals meeting the staff configured below.
 */
import type { Config, FundEvent } from '../../src/lib/server/config/schema.ts';
import type { Dist } from './distributions.ts';

export type TopicHandling = {
	/** Talk time of a voice call, seconds, hold excluded. */
	talk: Dist;
	/** Share of calls the consultant puts on hold at least once. */
	holdShare: number;
	/** Total hold time of a call that has any, seconds. */
	hold: Dist;
	/** After-call work (wrap-up), seconds. */
	wrap: Dist;
};

export type SiteStaffing = {
	/** This site's share of headcount growth, relative to the other sites' shares. */
	share: number;
	/**
	 * First day the site took calls (YYYY-MM-DD); null: open throughout. Defaults to the
	 * config's `sites[].openedOn`.
	 */
	openedOn: string | null;
	/** Consultants the site opens with (only for a site with `openedOn`). */
	openingHeadcount: number;
};

export type BreakRule = {
	/** The not_ready reason consultants give. */
	reason: string;
	/** Each consultant starts this break at a random time between `from` and `to` − minutes (HH:MM local). */
	from: string;
	to: string;
	minutes: number;
};

export type SkillGroup = {
	/** Topic ids served, or 'all'. */
	topics: string[] | 'all';
	/** Share of consultants in this group (the shares are normalised). */
	share: number;
};

export type DateRange = { from: string; to: string };

export type SimParams = {
	volume: {
		/**
		 * The last year of the curve ("now"). Defaults to the clock's year; pin it for runs that
		 * must give the same output next year too (tests do).
		 */
		currentYear: number;
		/** Voice calls offered to the queues in the current year. */
		currentYearCalls: number;
		/** Voice calls offered ten years before the current year. */
		tenYearsAgoCalls: number;
		/**
		 * How volume grows in between: 'geometric' (the same % each year, ~17.5% for 200k → 1M),
		 * 'linear', or { power: p } for start + (end − start)·f^p with f the share of the ten years
		 * gone. Years outside the ten follow the same formula.
		 */
		curve: 'geometric' | 'linear' | { power: number };
		/** Exact totals for given years ({ "2019": 400000 }), overriding the curve. */
		yearly: Record<string, number>;
		/**
		 * Share of offered calls that are repeat attempts of callers who gave up earlier, in an
		 * ordinary year. First attempts are scaled down by it so that first attempts plus repeats
		 * stay on the curve; in overloaded months repeats push the volume above it, as they did.
		 */
		repeatAllowance: number;
	};
	/** Share of calls per topic id (normalised over the config's topics; a missing topic gets 0). */
	topicShares: Record<string, number>;
	/** Handling per topic id; a topic without an entry uses the last configured one. */
	handling: Record<string, TopicHandling>;
	profile: {
		/**
		 * 48 relative arrival rates, one per half hour of the local day from 00:00. Calls in
		 * opening hours follow the slots inside the hours (the morning peak is 09:00–11:00);
		 * after-hours callback requests and written inquiries follow the rest.
		 */
		halfHour: number[];
		/** Relative daily volume by ISO weekday, Monday first (Monday is the heaviest). */
		weekday: number[];
		/** Relative daily volume by month, January first (indexation and declarations in Q1, quiet July). */
		month: number[];
		/** The working day after a weekday holiday gets this many times its usual calls. */
		afterHoliday: number;
		/** Day-to-day variation beyond Poisson: a mean-one lognormal factor with this cv. */
		dailyNoiseCv: number;
		/**
		 * The fund's known busy days (payment days, indexation, deadlines) with the multiple of an
		 * ordinary day's calls they bring. Default: the config's `fundCalendar`, so the history has
		 * the days the forecast is told about; override the effects to see the forecast learn them.
		 */
		fundEvents: FundEvent[];
	};
	pandemic: {
		/** Volume multipliers for date ranges (inclusive); outside them 1. */
		surge: (DateRange & { factor: number })[];
		/** Working days on which calls were answered around the clock (night-time service). */
		nightService: DateRange[];
		/** Consultants on each of the two night shifts (close → midnight, midnight → open). */
		nightConsultants: number;
		/** Share of the surge matched by temporary staff: 0 none, 1 all. */
		staffResponse: number;
	};
	ivr: {
		/**
		 * The handle time the announcement rule uses, seconds, per topic id: the centre's current
		 * rule is callers ahead × this ÷ consultants serving the topic. Default: the mean of the
		 * topic's talk + hold + wrap-up.
		 */
		ahtS: Record<string, number>;
		/** The IVR offers a callback when the announced wait is above this, seconds. */
		callbackOfferAboveS: number;
		/** Share of the callers offered a callback who take it. */
		callbackAcceptShare: number;
		/** Seconds from queue entry until a caller who takes the callback has pressed the key. */
		callbackKeyDelay: Dist;
	};
	callers: {
		/** How long a caller is willing to wait, seconds (Weibull fits call-centre data). */
		patience: Dist;
		/** Share of callers who hang up within seconds (misdials, wrong menu). */
		shortAbandonShare: number;
		/** When those hang up, seconds. Default: under the config's short-abandon threshold. */
		shortAbandonAfter: Dist;
		/** Share of callers who gave up (not short abandons) who call again. */
		repeatShare: number;
		/** How long after giving up they call again, seconds. */
		repeatDelay: Dist;
	};
	callbacks: {
		/** Talk time of a call-back, seconds. */
		talk: Dist;
		wrap: Dist;
		/**
		 * Consultants take call-backs only when none of their queues has a caller, except in the
		 * last this-many minutes before closing, when call-backs come first (they are due at close).
		 */
		priorityBeforeCloseMin: number;
	};
	afterHours: {
		/** Callback requests left in the IVR after hours per day, as a share of the year's average working-day calls. */
		requestShare: number;
		/** Weekends and holidays get this many times a working day's after-hours requests. */
		closedDayFactor: number;
	};
	chat: {
		/** First year with web chat. */
		sinceYear: number;
		/** Chats per voice call in `sinceYear`, growing linearly to `currentShare` in the current year. */
		startShare: number;
		currentShare: number;
		talk: Dist;
		wrap: Dist;
		patience: Dist;
		/** Chat consultants per erlang of the day's peak chat load (at least one when chat is open). */
		consultantsPerErlang: number;
	};
	email: {
		/** E-mails per voice call (of the year's average working day), every day of the week. */
		share: number;
		/** Working days until answered (0: the same day), before rounding down. */
		answerWorkingDays: Dist;
		/** Weekends and holidays get this many times a working day's e-mails. */
		closedDayFactor: number;
	};
	einquiry: {
		/** E-inquiries (the portal's written questions) per voice call. */
		share: number;
		/** Working days until answered, before rounding down; capped below the config's deadline. */
		answerWorkingDays: Dist;
		closedDayFactor: number;
	};
	staffing: {
		/**
		 * Headcount needed per 1,000 calls a year (absences, breaks and chat included): the
		 * centre hires to match the volume curve, interpolated between mid-years.
		 */
		consultantsPerThousandCalls: number;
		sites: Record<string, SiteStaffing>;
		/**
		 * The older sites stop hiring this many months before the newest site opens (the new
		 * site takes the budget) and keep that headcount: the volume grows on, and the overload
		 * the new site was opened to cure builds up.
		 */
		hiringFreezeMonths: number;
		/** New-site consultants start this many times slower (talk and wrap-up), reaching 1 after `rampMonths`. */
		newHireAhtFactor: number;
		/** Share of a new-site consultant's shift spent in training at opening, reaching 0 after `rampMonths`. */
		trainingShareAtOpening: number;
		rampMonths: number;
		/** Share of consultants on sick leave, by month (January first). */
		sickShare: number[];
		/** Share of consultants on holiday, by month. */
		vacationShare: number[];
		/** Default: the config's `breaks.schedule` (what the forecast's projection counts on). */
		breaks: BreakRule[];
		/**
		 * How far the day's phone roster follows the calls expected per opening hour: 0 puts every
		 * consultant at work on the phones every day (a flat roster: Mondays drown, Fridays idle),
		 * 1 rosters each day in proportion to its expected calls per hour, the busiest weekday
		 * (Monday) taking everyone present. The centre plans its rota from the weekly pattern; the
		 * consultants not rostered on a quieter day are off or on written work, not on the phones.
		 */
		rosterFollowsVolume: number;
		/** Consultants log in up to this many minutes before opening. */
		loginEarlyMaxMin: number;
		skills: SkillGroup[];
		/** Exact headcount per site id, overriding the growth model (stationary experiments). */
		fixedHeadcount: Record<string, number> | null;
	};
};

const DAY_PROFILE = [
	// 00:00–05:30
	0.04, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.04, 0.05, 0.06, 0.08,
	// 06:00–07:30
	0.12, 0.18, 0.3, 0.5,
	// 08:00–11:30: the morning peak
	0.85, 1.1, 1.35, 1.45, 1.45, 1.4, 1.25, 1.1,
	// 12:00–16:30
	1.0, 0.95, 1.0, 1.0, 0.95, 0.9, 0.85, 0.75, 0.65, 0.5,
	// 17:00–23:30
	0.4, 0.35, 0.3, 0.25, 0.2, 0.18, 0.15, 0.12, 0.1, 0.08, 0.06, 0.05, 0.05, 0.04
];

const HANDLING: Record<string, TopicHandling> = {
	pensions: {
		talk: { kind: 'lognormal', mean: 290, cv: 0.75 },
		holdShare: 0.25,
		hold: { kind: 'gamma', mean: 60, shape: 1.5 },
		wrap: { kind: 'gamma', mean: 45, shape: 2 }
	},
	benefits: {
		talk: { kind: 'lognormal', mean: 260, cv: 0.75 },
		holdShare: 0.25,
		hold: { kind: 'gamma', mean: 50, shape: 1.5 },
		wrap: { kind: 'gamma', mean: 40, shape: 2 }
	},
	contributions: {
		talk: { kind: 'lognormal', mean: 230, cv: 0.8 },
		holdShare: 0.2,
		hold: { kind: 'gamma', mean: 50, shape: 1.5 },
		wrap: { kind: 'gamma', mean: 40, shape: 2 }
	},
	other: {
		talk: { kind: 'lognormal', mean: 190, cv: 0.85 },
		holdShare: 0.15,
		hold: { kind: 'gamma', mean: 45, shape: 1.5 },
		wrap: { kind: 'gamma', mean: 30, shape: 2 }
	}
};

const SITE_SHARES: Record<string, number> = { panevezys: 0.55, radviliskis: 0.45, siauliai: 0.5 };

/** Mean talk + hold + wrap-up of a topic, seconds. */
export function meanHandleS(h: TopicHandling): number {
	const mean = (d: Dist) => (d.kind === 'fixed' ? d.value : d.kind === 'uniform' ? (d.min + d.max) / 2 : d.mean);
	return mean(h.talk) + h.holdShare * mean(h.hold) + mean(h.wrap);
}

/** The handling of a topic id: its own, or the last configured one (topics we do not know). */
export function handlingOf(params: SimParams, topic: string): TopicHandling {
	const own = params.handling[topic];
	if (own) return own;
	const all = Object.values(params.handling);
	const last = all[all.length - 1];
	if (!last) throw new Error('params.handling is empty');
	return last;
}

/** Defaults for our centre, shaped by the config: its topics, sites, threshold and deadline. */
export function defaultSimParams(config: Config): SimParams {
	const currentYear = new Date().getUTCFullYear();
	const shares: Record<string, number> = { pensions: 0.4, benefits: 0.3, contributions: 0.15, other: 0.15 };
	const topicShares: Record<string, number> = {};
	for (const t of config.topics) topicShares[t.id] = shares[t.id] ?? 1 / config.topics.length;
	const handling: Record<string, TopicHandling> = {};
	for (const t of config.topics) handling[t.id] = HANDLING[t.id] ?? HANDLING.other!;
	const ahtS: Record<string, number> = {};
	for (const t of config.topics) ahtS[t.id] = Math.round(meanHandleS(handling[t.id]!));
	const sites: Record<string, SiteStaffing> = {};
	for (const s of config.sites) {
		sites[s.id] = { share: SITE_SHARES[s.id] ?? 0.5, openedOn: s.openedOn ?? null, openingHeadcount: 35 };
	}
	return {
		volume: {
			currentYear,
			currentYearCalls: 1_000_000,
			tenYearsAgoCalls: 200_000,
			curve: 'geometric',
			yearly: {},
			repeatAllowance: 0.02
		},
		topicShares,
		handling,
		profile: {
			halfHour: DAY_PROFILE,
			weekday: [1.25, 1.05, 1.0, 0.95, 0.8, 0.4, 0.3],
			month: [1.2, 1.12, 1.08, 1.0, 0.95, 0.9, 0.8, 0.85, 0.95, 1.0, 1.0, 0.88],
			afterHoliday: 1.2,
			dailyNoiseCv: 0.06,
			fundEvents: config.fundCalendar ?? []
		},
		pandemic: {
			// Sick-leave, downtime and job-seeker benefits: the first wave, the second, the tail.
			surge: [
				{ from: '2020-03-16', to: '2020-06-30', factor: 1.6 },
				{ from: '2020-07-01', to: '2020-10-31', factor: 1.15 },
				{ from: '2020-11-01', to: '2021-05-31', factor: 1.45 },
				{ from: '2021-06-01', to: '2021-12-31', factor: 1.1 }
			],
			nightService: [
				{ from: '2020-03-23', to: '2020-05-29' },
				{ from: '2020-11-16', to: '2021-01-29' }
			],
			nightConsultants: 10,
			staffResponse: 0.7
		},
		ivr: {
			ahtS,
			callbackOfferAboveS: 300,
			callbackAcceptShare: 0.3,
			callbackKeyDelay: { kind: 'uniform', min: 8, max: 20 }
		},
		callers: {
			// Pensioners are patient: with a 12-minute mean (shape > 1: few hang up in the first
			// minute) the overloaded February averages ~5 min of waiting at ~35% abandonment, as it did.
			patience: { kind: 'weibull', mean: 720, shape: 1.2 },
			shortAbandonShare: 0.03,
			shortAbandonAfter: { kind: 'uniform', min: 0.5, max: Math.max(1, config.shortAbandonSeconds - 0.1) },
			repeatShare: 0.35,
			repeatDelay: { kind: 'lognormal', mean: 1800, cv: 1 }
		},
		callbacks: {
			talk: { kind: 'lognormal', mean: 210, cv: 0.7 },
			wrap: { kind: 'gamma', mean: 40, shape: 2 },
			priorityBeforeCloseMin: 120
		},
		afterHours: { requestShare: 0.03, closedDayFactor: 0.6 },
		chat: {
			// Web chat came with the pandemic.
			sinceYear: 2020,
			startShare: 0.03,
			currentShare: 0.1,
			talk: { kind: 'lognormal', mean: 420, cv: 0.6 },
			wrap: { kind: 'gamma', mean: 30, shape: 2 },
			patience: { kind: 'weibull', mean: 300, shape: 1.2 },
			consultantsPerErlang: 1.3
		},
		email: {
			share: 0.04,
			answerWorkingDays: { kind: 'gamma', mean: 1.5, shape: 1.2 },
			closedDayFactor: 0.4
		},
		einquiry: {
			share: 0.06,
			answerWorkingDays: { kind: 'gamma', mean: 4, shape: 1.4 },
			closedDayFactor: 0.4
		},
		staffing: {
			// Calibrated: ordinary years average 40–50 s of waiting, service level ~83% in 60 s.
			consultantsPerThousandCalls: 0.086,
			sites,
			// Calibrated: February of the opening year averages ~5 min (3.5–7 over seeds).
			hiringFreezeMonths: 18,
			newHireAhtFactor: 1.5,
			trainingShareAtOpening: 0.3,
			rampMonths: 4,
			sickShare: [0.07, 0.07, 0.06, 0.05, 0.04, 0.03, 0.03, 0.03, 0.04, 0.05, 0.06, 0.06],
			vacationShare: [0.03, 0.02, 0.03, 0.04, 0.05, 0.12, 0.2, 0.17, 0.05, 0.04, 0.03, 0.08],
			// The config's planned breaks (the forecast counts on the same), each under its first reason code.
			breaks: (config.breaks?.schedule ?? []).map((b) => ({ reason: b.reasons[0]!, from: b.from, to: b.to, minutes: b.minutes })),
			rosterFollowsVolume: 1,
			loginEarlyMaxMin: 10,
			skills: [
				{ topics: 'all', share: 0.7 },
				{ topics: ['pensions', 'benefits'], share: 0.15 },
				{ topics: ['contributions', 'other'], share: 0.15 }
			],
			fixedHeadcount: null
		}
	};
}

type DeepPartial<T> = T extends readonly unknown[]
	? T
	: T extends Dist
		? T
		: T extends object
			? { [K in keyof T]?: DeepPartial<T[K]> }
			: T;

/** Any nested key may be left out. Arrays and distributions are replaced whole, never merged. */
export type SimParamsOverrides = DeepPartial<SimParams>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Overrides merged into a copy of `base`: objects key by key; arrays and distributions (they have a `kind`) whole. */
function merge(base: unknown, over: unknown): unknown {
	if (over === undefined) return base;
	if (!isPlainObject(over) || !isPlainObject(base) || 'kind' in over) return over;
	const out: Record<string, unknown> = { ...base };
	for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
	return out;
}

export function resolveParams(config: Config, overrides: SimParamsOverrides = {}): SimParams {
	const p = merge(defaultSimParams(config), overrides) as SimParams;
	validate(p, config);
	return p;
}

function validate(p: SimParams, config: Config): void {
	const fail = (why: string) => {
		throw new RangeError(`simulator parameters: ${why}`);
	};
	if (p.profile.halfHour.length !== 48) fail('profile.halfHour needs 48 half-hour weights');
	if (p.profile.weekday.length !== 7) fail('profile.weekday needs 7 weights, Monday first');
	if (p.profile.month.length !== 12) fail('profile.month needs 12 weights, January first');
	if (p.staffing.sickShare.length !== 12 || p.staffing.vacationShare.length !== 12) fail('absence shares need 12 months');
	if (!config.topics.some((t) => (p.topicShares[t.id] ?? 0) > 0)) fail('no configured topic has a share of calls');
	if (!(p.volume.currentYearCalls > 0 && p.volume.tenYearsAgoCalls > 0)) fail('volumes must be positive');
	for (const s of config.sites) if (!p.staffing.sites[s.id]) fail(`no staffing for site "${s.id}"`);
}
