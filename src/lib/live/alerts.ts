/**
 * Alerts: threshold rules on live figures, evaluated once per tick on the server
 * (src/lib/server/alerts), shown on the dashboard and the TVs (LiveState.alerts), acknowledged
 * by a supervisor, logged (start, acknowledgement, end) and sent to a webhook per rule.
 */

/**
 * What a rule watches. Per topic or centre-wide: waiting (callers), longest_wait (seconds),
 * service_level (today, 0..1), available (consultants free). Centre-wide only: long_not_ready
 * (consultants not ready longer than consultants.longNotReadyMinutes), callbacks_overdue,
 * written_overdue (e-inquiries and e-mails past the 20-working-day promise), written_at_risk
 * (within 5 working days of it, or past it). staffing_gap_ahead (per topic or the worst topic):
 * consultants short in the quarter hours starting within the rule's `lookAheadMinutes`, where
 * planned breaks leave fewer than the forecast needs (the forecast's lunch-overlap warning,
 * src/lib/server/forecast/breakWarnings.ts).
 */
export const ALERT_FIGURES = ['waiting', 'longest_wait', 'service_level', 'available', 'long_not_ready', 'callbacks_overdue', 'written_overdue', 'written_at_risk', 'staffing_gap_ahead'] as const;
export type AlertFigure = (typeof ALERT_FIGURES)[number];

/** Figures where less is worse: they alert at or below the threshold. */
export const LOWER_IS_WORSE: readonly AlertFigure[] = ['service_level', 'available'];
/** Figures that exist per topic; the others are the centre's only. */
export const TOPIC_FIGURES: readonly AlertFigure[] = ['waiting', 'longest_wait', 'service_level', 'available', 'staffing_gap_ahead'];

export type AlertRule = {
	/** Stable id: the alert log and the webhook name it. */
	id: string;
	figure: AlertFigure;
	/** 'each' (every topic on its own), a topic id, or 'centre' (the centre's total). */
	scope: string;
	/** Starts when the figure reaches this (at or above; at or below where less is worse). */
	on: number;
	/**
	 * Ends only once the figure is back at this or better (at or below it; at or above it where
	 * less is worse; a count's alert ends at 0). It lies strictly on the good side of `on`: the
	 * gap keeps an alert from flapping while a figure hovers at its threshold.
	 */
	off: number;
	/** Where to POST each transition (JSON), or null. */
	webhook: string | null;
	/** Whether the dashboard plays a sound when it starts. */
	sound: boolean;
	/** staffing_gap_ahead only: how far ahead to look, minutes (60 when absent). */
	lookAheadMinutes?: number;
};

export type ActiveAlert = {
	/** One alert from start to end: rule, scope and start time. */
	id: string;
	ruleId: string;
	figure: AlertFigure;
	/** A topic id, or 'centre'. */
	scope: string;
	/** The figure now (kept up to date each tick) and the threshold it reached. */
	value: number;
	threshold: number;
	startedAt: number;
	acknowledgedAt: number | null;
	/** Who acknowledged (supervisors' and admins' frames only). */
	acknowledgedBy?: string | null;
	sound: boolean;
};

export type AlertTransition = 'start' | 'ack' | 'end';
