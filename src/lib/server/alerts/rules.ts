/**
 * The shape of alert rules, checked the same way in the config file (`alerts.rules`) and when an
 * administrator saves them in the UI (PUT /api/admin/alerts), and the centre's defaults.
 */
import { z } from 'zod';
import { ALERT_FIGURES, LOWER_IS_WORSE, type AlertRule } from '../../live/alerts.ts';

export const alertRuleSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'a rule id is 1–40 lower-case letters, digits, "_" or "-"'),
		figure: z.enum(ALERT_FIGURES),
		scope: z.string().regex(/^[a-z0-9_-]{1,40}$/, "scope is 'each', 'centre' or a topic id"),
		on: z.number().min(0),
		off: z.number().min(0),
		webhook: z
			.string()
			.url()
			.refine((u) => /^https?:\/\//.test(u), 'a webhook is an http(s) address')
			.nullable()
			.default(null),
		sound: z.boolean().default(false),
		/** staffing_gap_ahead only: the quarter hours starting within this many minutes are judged. */
		lookAheadMinutes: z.number().int().min(15).max(600).optional()
	})
	.refine((r) => (LOWER_IS_WORSE.includes(r.figure) ? r.off > r.on : r.off < r.on), {
		message: "'off' must be on the good side of 'on' (below it; above it for service level and available consultants): the alert ends there, so at 'on' itself it would end as soon as it started, and past it it would never end"
	});

export const alertRulesSchema = z
	.array(alertRuleSchema)
	.max(200)
	.refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, 'rule ids must be unique');

/**
 * Defaults: the wallboard's alarm levels, each with a margin to end on, so that the alert and
 * the TV's red tile mean the same thing. A centre edits them on the admin page.
 */
export const DEFAULT_ALERT_RULES: AlertRule[] = [
	{ id: 'waiting', figure: 'waiting', scope: 'each', on: 15, off: 12, webhook: null, sound: true },
	{ id: 'longest-wait', figure: 'longest_wait', scope: 'each', on: 120, off: 90, webhook: null, sound: true },
	{ id: 'service-level', figure: 'service_level', scope: 'each', on: 0.7, off: 0.75, webhook: null, sound: false },
	{ id: 'long-not-ready', figure: 'long_not_ready', scope: 'centre', on: 1, off: 0, webhook: null, sound: false },
	{ id: 'callbacks-overdue', figure: 'callbacks_overdue', scope: 'centre', on: 1, off: 0, webhook: null, sound: false },
	{ id: 'written-overdue', figure: 'written_overdue', scope: 'centre', on: 1, off: 0, webhook: null, sound: false }
];
