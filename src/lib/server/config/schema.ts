/**
 * The shape of callboard's configuration, validated once at start-up.
 * Everything else in the code base receives a `Config` and trusts it.
 */
import { z } from 'zod';
import { EWT_METHODS } from '../ewt/estimators.ts';
import { isIsoDate } from '../../calendar/localDate.ts';
import { alertRulesSchema, DEFAULT_ALERT_RULES } from '../alerts/rules.ts';

const id = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'ids are lower-case letters, digits, "_" or "-"');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'times are HH:MM, 24-hour');

export const topicSchema = z.object({
	id,
	name: z.object({ lt: z.string().min(1), en: z.string().min(1) }),
	/**
	 * The name on the TV board's tile, where a long name would wrap to three lines at 6 m type
	 * ("Kiti socialinio draudimo klausimai" → "Kiti klausimai"). Unset: the full name. The
	 * dashboard, reports and the tile's title text keep the full name.
	 */
	shortName: z.object({ lt: z.string().min(1).max(24), en: z.string().min(1).max(24) }).optional(),
	/** Position in the IVR menu: 1 is read out first. */
	ivrPriority: z.number().int().min(1),
	/** Service level: a call answered within this many seconds counts as "in service level". */
	serviceLevelTargetSeconds: z.number().int().min(1).max(3600),
	/** The share of calls that should meet the target, 0..1 (shown as the tile's goal). */
	serviceLevelGoal: z.number().min(0).max(1),
	/** Queue names in the PBX (Asterisk queue, Genesys queue name or id) that mean this topic. */
	queues: z.array(z.string()).default([])
});

export const siteSchema = z.object({
	id,
	name: z.string().min(1),
	/** Agent identifiers (as the PBX writes them) that sit at this site. */
	agents: z.array(z.string()).default([]),
	/** First day the site took calls (YYYY-MM-DD), for the simulator and for reports. */
	openedOn: z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD').optional()
});

const dayHours = z.object({ open: hhmm, close: hhmm }).nullable();
/** A figure where more is worse: warn at or above `warn`, alarm at or above `alarm`. */
const upper = z
	.object({ warn: z.number().min(0), alarm: z.number().min(0) })
	.refine((t) => t.alarm >= t.warn, 'alarm must not be below warn');

/**
 * A known event of the fund's calendar (payment days, indexation, deadlines, campaigns): the
 * forecast multiplies its days by `effect` until the history has such days, then by what they
 * brought. A monthly day that is not a working day moves to the next working day.
 */
export const fundEventSchema = z.object({
	id,
	name: z.object({ lt: z.string().min(1), en: z.string().min(1) }),
	/** Expected calls on the day as a multiple of an ordinary day (1.3 = +30 %). */
	effect: z.number().min(0).max(10),
	/** Days of the month (1–31) the event falls on, in `months` (1–12; every month when absent). */
	monthDays: z.array(z.number().int().min(1).max(31)).default([]),
	months: z.array(z.number().int().min(1).max(12)).optional(),
	/** One-off dates (YYYY-MM-DD): announced campaigns, a deadline. */
	dates: z.array(z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD')).default([])
});

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * A planned break every consultant takes once a working day (forecast/breaks.ts): `minutes`
 * long, started somewhere between `from` and `to` (local time; it ends by `to`). `reasons` are
 * the not-ready reason codes the PBX writes for it; several breaks may share them (two short
 * breaks): a consultant's first such break of the day is the earliest rule's, the next the next.
 */
export const breakRuleSchema = z
	.object({
		id,
		/** lunch or a short break: only the warning's words differ ("pietų pertraukos" / "pertraukos"). */
		kind: z.enum(['lunch', 'short']),
		minutes: z.number().int().min(1).max(240),
		from: hhmm,
		to: hhmm,
		reasons: z.array(z.string().trim().min(1)).min(1)
	})
	.refine((b) => minutesOf(b.to) - minutesOf(b.from) >= b.minutes, 'a break must fit between its from and to');

export const configSchema = z.object({
	/** 0 picks a free port (tests). */
	port: z.number().int().min(0).max(65535),
	host: z.string(),
	/** Where embedded ClickHouse (chDB) keeps its files. */
	dataDir: z.string().min(1),
	clickhouse: z.object({
		/** Unset: embedded chDB in `dataDir`. Set: a ClickHouse server or cluster over HTTP(S). */
		url: z.string().url().optional(),
		user: z.string(),
		password: z.string(),
		database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
	}),
	/** IANA zone of the centre. "Today", opening hours and all shown times follow it. */
	timeZone: z.string().min(1),
	/** Opening hours by ISO weekday (1 = Monday … 7 = Sunday); null = closed. */
	openingHours: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7']), dayHours),
	/** Extra non-working days (YYYY-MM-DD) on top of the built-in Lithuanian public holidays. */
	extraHolidays: z.array(z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD')).default([]),
	/** An abandon after less than this many seconds of waiting is a "short abandon". */
	shortAbandonSeconds: z.number().int().min(0).max(120),
	/**
	 * The service-level target (seconds) of a contact whose topic is not configured (a queue not
	 * mapped to a topic). Unset: the strictest configured topic's target. Said in the glossary.
	 */
	unmappedServiceLevelTargetSeconds: z.number().int().min(1).max(3600).optional(),
	/** Working days within which an e-inquiry must be answered. */
	eInquiryDeadlineWorkingDays: z.number().int().min(1).max(120),
	topics: z.array(topicSchema).min(1),
	sites: z.array(siteSchema).min(1),
	/** Other names of one consultant (Asterisk logs a member as "SIP/1001" and as "Ona"): alias → name. */
	agentAliases: z.record(z.string(), z.string()).default({}),
	/** Zone of PBX sources that write local time without an offset (queue_log realtime, CDR CSV). */
	pbxTimeZone: z.string().min(1),
	auth: z.object({
		/** Admin API token from CALLBOARD_ADMIN_TOKEN, for automation. Never stored. */
		adminToken: z.string().min(24, 'CALLBOARD_ADMIN_TOKEN must be at least 24 characters').optional(),
		/** HMAC key for session cookies; generated and kept in ClickHouse when unset. */
		sessionSecret: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
		sessionHours: z.number().int().min(1).max(24 * 31)
	}),
	ingest: z.object({
		/** Flush a batch after this many milliseconds even when it is not full. */
		flushMs: z.number().int().min(10).max(60_000),
		/** Flush when a batch holds this many records. */
		batchSize: z.number().int().min(1).max(1_000_000),
		/** Largest accepted POST /api/ingest body in bytes. */
		maxBodyBytes: z.number().int().min(1024),
		/** Spool directory for batches that could not be written; bounded by spoolMaxBytes. */
		spoolDir: z.string(),
		spoolMaxBytes: z.number().int().min(1024 * 1024),
		/** Days rejected records are kept (a TTL on rejected_records, set at start; see ingest/rejectedRetention.ts). */
		rejectedRetentionDays: z.number().int().min(1).max(3660),
		/** Logs the server follows itself (embedded mode has no other process that may write). */
		sources: z
			.array(
				z.object({
					format: z.enum(['ndjson', 'queue-log', 'queue-log-csv', 'cdr-csv']),
					path: z.string().min(1),
					/** Stream name stored with the rows; the file name by default. */
					name: z.string().optional()
				})
			)
			.default([])
	}),
	/** Genesys Cloud (issue #15): how its queue ids and users map onto topics and sites. */
	genesys: z
		.object({
			/**
			 * Queue id → queue name, for detail records read from files or bodies (the live
			 * connector fills it from GET /api/v2/routing/queues). The name is then matched to
			 * topics[].queues ignoring case and accents ("Išmokos" = "ismokos").
			 */
			queueNames: z.record(z.string(), z.string().min(1)).default({}),
			/** Genesys division id → site id, for users no sites[].agents entry names. */
			divisionSites: z.record(z.string(), id).default({}),
			/** The server runs the connector (INGEST_SOURCE=genesys); `callboard connect genesys` runs it alone. */
			live: z.boolean().default(false),
			/** How often finished conversations are read from the details query, seconds. */
			reconcileSeconds: z.number().min(0.1).max(3600).default(60),
			/** How far before its checkpoint each details pass starts again, minutes (late detail records). */
			overlapMinutes: z.number().min(0).max(24 * 60).default(15),
			/** On a first start, how far back finished conversations are read, hours. */
			catchUpHours: z.number().min(0).max(24 * 31).default(24)
		})
		.prefault({}),
	/**
	 * Demo traffic: on an empty database the server backfills simulated history and keeps
	 * simulated live calls flowing. Off whenever a real source is configured.
	 */
	demo: z.boolean(),
	/** Years of simulated history the demo backfills. */
	demoYears: z.number().int().min(1).max(30),
	/** The wait announced to callers (GET /api/ewt); every estimator is still computed and stored. */
	ewt: z.object({
		/** Which estimator is announced: see src/lib/server/ewt/estimators.ts. */
		announced: z.enum(EWT_METHODS),
		/** How often the in-memory queues catch up with ClickHouse, milliseconds. */
		refreshMs: z.number().int().min(100).max(60_000),
		/**
		 * The EWT service's "now": `wall`, the machine's clock (always, in production); `events`,
		 * the latest event time it has read, so that a benchmark can replay a simulated day through
		 * the running server in minutes (bench/ewtServer.ts). Only the EWT service follows it, and
		 * the forecast's projection of the rest of the day, which asks the EWT service for its now.
		 */
		clock: z.enum(['wall', 'events'])
	}),
	/**
	 * The supervisor's list of consultants (src/lib/server/live/consultants.ts): when a call or a
	 * break has gone on too long, and whether TVs may show consultants by name (off: the fund is
	 * a public body under the GDPR; names go only to those who supervise the consultants).
	 */
	consultants: z
		.object({
			/** On a call (or in its after-call work) longer than this stands out. */
			longCallMinutes: z.number().min(1).max(600).default(15),
			/** Not ready (break, training…) longer than this stands out. */
			longNotReadyMinutes: z.number().min(1).max(600).default(15),
			namesOnWallboards: z.boolean().default(false)
		})
		.default({ longCallMinutes: 15, longNotReadyMinutes: 15, namesOnWallboards: false }),
	/** Alert rules (src/lib/server/alerts); an administrator's rules saved in the UI take their place. */
	alerts: z.object({ rules: alertRulesSchema }).default({ rules: DEFAULT_ALERT_RULES }),
	/**
	 * Planned breaks (issue #19), for the projection of the rest of the day and its
	 * lunch-overlap warning: `schedule` for every site, `sites` a site's own instead. The demo
	 * simulator's consultants take the `schedule`'s breaks.
	 */
	breaks: z
		.object({
			schedule: z.array(breakRuleSchema).default([]),
			sites: z.record(id, z.array(breakRuleSchema)).default({})
		})
		.default({ schedule: [], sites: {} }),
	/** The fund's calendar of known busy days, for the forecast (and the simulator's truth). */
	fundCalendar: z.array(fundEventSchema).default([]),
	/**
	 * Scheduled exports (src/lib/server/exports): where files are written (default
	 * DATA_DIR/exports) and the SMTP server e-mails go through. The password comes from
	 * SMTP_PASSWORD only and is never logged.
	 */
	exports: z
		.object({
			dir: z.string().min(1).optional(),
			smtp: z
				.object({
					host: z.string().min(1),
					port: z.number().int().min(1).max(65535).default(587),
					security: z.enum(['tls', 'starttls', 'none']).default('starttls'),
					user: z.string().optional(),
					password: z.string().optional(),
					from: z.string().regex(/^[^\s<>(),;:"@]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, 'from must be an e-mail address')
				})
				.optional()
		})
		.default({}),
	/** When wallboard figures turn from ok to warning to alarm (never shown by colour alone). */
	wallboard: z.object({
		thresholds: z.object({
			/** Callers waiting in one topic's queue: more is worse. */
			waiting: upper,
			/** Longest wait as a multiple of the topic's service-level target. */
			longestWaitFactor: upper,
			/** Service level below goal by up to this much (0..1) warns; further below alarms. */
			serviceLevelMargin: z.number().min(0).max(1),
			asaS: upper,
			avgWaitS: upper,
			abandonRate: upper,
			/** Consultants available now: at or below `warn` warns, at or below `alarm` alarms. */
			available: z.object({ warn: z.number().min(0), alarm: z.number().min(0) })
		}),
		/**
		 * The instant the TV's forecast line (`GET /api/forecast/tv`) is computed for, instead of
		 * the machine's clock: tests and demonstrations of a past working day only, since the line
		 * is null outside opening hours (`WALLBOARD_FORECAST_NOW`, ISO 8601). Unset in production.
		 */
		forecastNow: z.string().datetime({ offset: true }).optional(),
		/**
		 * How long the live view keeps a figure no new data has changed before reading it again
		 * (the rolling windows and occupancy, which move with the clock alone): `LIVE_REREAD_MS`.
		 * Unset: 5 s with embedded ClickHouse, which hears of every write; every tick with a server
		 * (src/lib/server/app.ts).
		 */
		rereadMs: z.number().int().min(100).max(60_000).optional()
	})
});

export type Config = z.infer<typeof configSchema>;
export type Topic = z.infer<typeof topicSchema>;
export type Site = z.infer<typeof siteSchema>;
export type FundEvent = z.infer<typeof fundEventSchema>;
export type BreakRule = z.infer<typeof breakRuleSchema>;
