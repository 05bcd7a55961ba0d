/**
 * Alerts with hysteresis, evaluated once per tick for the whole centre (never per screen): a
 * rule starts an alert when its figure reaches `on`, and the alert ends only once the figure is
 * back at `off` or better ("end at", as the admin form says; a count's alert ends at 0), so a
 * value hovering at the threshold raises one alert, not one a second.
 * Each transition (start, acknowledgement, end) happens once and is handed to `onTransition`
 * (the log and the webhook).
 */
import { LOWER_IS_WORSE, TOPIC_FIGURES, type ActiveAlert, type AlertRule, type AlertTransition } from '../../live/alerts.ts';
import { figureValue, type Snapshot } from './figures.ts';

export type Transition = { transition: AlertTransition; alert: ActiveAlert; rule: AlertRule; at: number; by: string | null };

export class AlertEngine {
	#rules: AlertRule[] = [];
	/** Active alerts by rule id and scope. */
	readonly #active = new Map<string, ActiveAlert>();
	readonly #onTransition: (t: Transition) => void;

	constructor(onTransition: (t: Transition) => void) {
		this.#onTransition = onTransition;
	}

	get rules(): readonly AlertRule[] {
		return this.#rules;
	}

	/**
	 * New rules. Alerts of rules that are gone or changed end now (their thresholds no longer
	 * hold); the next tick starts them again where the new rules say so.
	 */
	setRules(rules: AlertRule[], at = Date.now()): void {
		const kept = new Map(rules.map((r) => [r.id, r]));
		for (const [key, alert] of this.#active) {
			const old = this.#rules.find((r) => r.id === alert.ruleId);
			const now = kept.get(alert.ruleId);
			if (!old || !now || JSON.stringify(old) !== JSON.stringify(now)) this.#end(key, alert, old ?? now!, at);
		}
		this.#rules = rules;
	}

	/** Alerts already open when the process started (the log's starts without an end), so a restart does not start them again. */
	restore(alerts: ActiveAlert[]): void {
		for (const a of alerts) this.#active.set(`${a.ruleId}|${a.scope}`, a);
	}

	/** The active alerts, oldest first. */
	active(): ActiveAlert[] {
		return [...this.#active.values()].sort((a, b) => a.startedAt - b.startedAt);
	}

	/** One evaluation of every rule against the tick's snapshot. */
	evaluate(s: Snapshot, topics: readonly string[]): void {
		const seen = new Set<string>();
		for (const rule of this.#rules) {
			const scopes = rule.scope === 'each' ? (TOPIC_FIGURES.includes(rule.figure) ? topics : ['centre']) : [TOPIC_FIGURES.includes(rule.figure) ? rule.scope : 'centre'];
			for (const scope of scopes) {
				const key = `${rule.id}|${scope}`;
				seen.add(key);
				const value = figureValue(s, rule.figure, scope, rule.lookAheadMinutes);
				const active = this.#active.get(key);
				const lower = LOWER_IS_WORSE.includes(rule.figure);
				if (!active) {
					if (value !== null && (lower ? value <= rule.on : value >= rule.on)) {
						const alert: ActiveAlert = {
							id: `${rule.id}:${scope}:${s.at}`,
							ruleId: rule.id,
							figure: rule.figure,
							scope,
							value,
							threshold: rule.on,
							startedAt: s.at,
							acknowledgedAt: null,
							acknowledgedBy: null,
							sound: rule.sound
						};
						this.#active.set(key, alert);
						this.#onTransition({ transition: 'start', alert: { ...alert }, rule, at: s.at, by: null });
					}
				} else if (value === null || (lower ? value >= rule.off : value <= rule.off)) this.#end(key, { ...active, value: value ?? active.value }, rule, s.at);
				else active.value = value;
			}
		}
		// A topic no longer configured: its alerts end.
		for (const [key, alert] of this.#active) if (!seen.has(key)) this.#end(key, alert, this.#rules.find((r) => r.id === alert.ruleId)!, s.at);
	}

	/** Acknowledges an active alert once; false if there is none by that id or it already was. */
	acknowledge(id: string, by: string, at = Date.now()): boolean {
		for (const alert of this.#active.values()) {
			if (alert.id !== id) continue;
			if (alert.acknowledgedAt !== null) return false;
			alert.acknowledgedAt = at;
			alert.acknowledgedBy = by;
			const rule = this.#rules.find((r) => r.id === alert.ruleId);
			if (rule) this.#onTransition({ transition: 'ack', alert: { ...alert }, rule, at, by });
			return true;
		}
		return false;
	}

	#end(key: string, alert: ActiveAlert, rule: AlertRule | undefined, at: number): void {
		this.#active.delete(key);
		if (rule) this.#onTransition({ transition: 'end', alert: { ...alert }, rule, at, by: null });
	}
}
