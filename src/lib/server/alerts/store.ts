/** The alert log and the saved rule sets in ClickHouse (migration 0010). */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';
import type { ActiveAlert, AlertFigure, AlertRule } from '../../live/alerts.ts';
import type { Transition } from './engine.ts';

/** Alerts are looked for this far back when a process starts; older open ones are stale. */
const OPEN_HORIZON_MS = 2 * 86_400_000;

/** An alert as logged: as it was active (value and threshold at its start), and when it ended. */
export type AlertLogEntry = Omit<ActiveAlert, 'sound' | 'acknowledgedBy'> & { acknowledgedBy: string | null; endedAt: number | null };

type LogRow = { alert_id: string; rule: string; scope_key: string; figure_key: string; start_value: number; start_threshold: number; started_ms: number | string; ack_ms: number | string | null; ack_by: string; ended_ms?: number | string | null };

export class AlertStore {
	readonly #db: ClickHouseClient;
	constructor(db: ClickHouseClient) {
		this.#db = db;
	}

	async record(t: Transition): Promise<void> {
		await this.#db.insert({
			table: 'alert_log',
			values: [
				{
					alert_id: t.alert.id,
					rule_id: t.alert.ruleId,
					scope: t.alert.scope,
					figure: t.alert.figure,
					transition: t.transition,
					at: t.at,
					value: t.alert.value,
					threshold: t.alert.threshold,
					by_whom: t.by ?? ''
				}
			],
			format: 'JSONEachRow'
		});
	}

	async open(now = Date.now()): Promise<ActiveAlert[]> {
		const rows = await queryRows<LogRow>(this.#db, 'alerts/open', { since: now - OPEN_HORIZON_MS });
		return rows.map((r) => ({
			id: r.alert_id,
			ruleId: r.rule,
			figure: r.figure_key as AlertFigure,
			scope: r.scope_key,
			value: Number(r.start_value),
			threshold: Number(r.start_threshold),
			startedAt: Number(r.started_ms),
			acknowledgedAt: r.ack_by ? Number(r.ack_ms) : null,
			acknowledgedBy: r.ack_by || null,
			sound: false
		}));
	}

	async log(from: number, to: number): Promise<AlertLogEntry[]> {
		const rows = await queryRows<LogRow>(this.#db, 'alerts/log', { from, to });
		return rows.map((r) => ({
			id: r.alert_id,
			ruleId: r.rule,
			figure: r.figure_key as AlertFigure,
			scope: r.scope_key,
			value: Number(r.start_value),
			threshold: Number(r.start_threshold),
			startedAt: Number(r.started_ms),
			acknowledgedAt: r.ack_ms == null ? null : Number(r.ack_ms),
			acknowledgedBy: r.ack_by || null,
			endedAt: r.ended_ms == null ? null : Number(r.ended_ms)
		}));
	}

	async savedRules(): Promise<{ rules: AlertRule[]; savedAt: number; savedBy: string } | null> {
		const [row] = await queryRows<{ rules: string; saved_ms: number | string; saved_by: string }>(this.#db, 'alerts/latest_rules');
		return row ? { rules: JSON.parse(row.rules) as AlertRule[], savedAt: Number(row.saved_ms), savedBy: row.saved_by } : null;
	}

	async saveRules(rules: AlertRule[], by: string, at = Date.now()): Promise<void> {
		await this.#db.insert({ table: 'alert_rule_sets', values: [{ saved_at: at, saved_by: by, rules: JSON.stringify(rules) }], format: 'JSONEachRow' });
	}
}
