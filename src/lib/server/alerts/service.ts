/**
 * Alerts for the whole process: the rules in force (the administrator's last saved set, else
 * the config's `alerts.rules`), the engine evaluated by the live hub once per tick, and for
 * each transition a row in the alert log and a webhook delivery. One server process evaluates:
 * several processes against one ClickHouse server would each send the webhooks (README).
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import type { ActiveAlert, AlertRule } from '../../live/alerts.ts';
import { AlertEngine, type Transition } from './engine.ts';
import type { Snapshot } from './figures.ts';
import { AlertStore } from './store.ts';
import { WebhookSender, type WebhookBody } from './webhook.ts';
import { alertText } from '../../i18n/alerts.ts';
import type { ForecastView } from '../forecast/service.ts';

export class AlertService {
	readonly store: AlertStore;
	readonly webhooks: WebhookSender;
	readonly #engine: AlertEngine;
	readonly #config: Config;
	readonly #log: (line: string) => void;
	/** Who saved the rules in force and when; null: the config's. */
	savedBy: { by: string; at: number } | null = null;
	/** The forecast's latest view, for staffing_gap_ahead (set by the forecast part, parts/forecast.ts). */
	forecast: (() => ForecastView | null) | null = null;
	/** Log writes in order (a transition's row never lands before its start's). */
	#writes: Promise<void> = Promise.resolve();

	constructor(db: ClickHouseClient, config: Config, log: (line: string) => void = console.log, webhooks = new WebhookSender()) {
		this.store = new AlertStore(db);
		this.webhooks = webhooks;
		this.#config = config;
		this.#log = log;
		this.#engine = new AlertEngine((t) => this.#transition(t));
		this.#engine.setRules(config.alerts.rules);
	}

	/** Loads the saved rules and the alerts still open; a failure leaves the config's rules. */
	async init(): Promise<void> {
		try {
			const saved = await this.store.savedRules();
			if (saved) {
				this.#engine.setRules(saved.rules);
				this.savedBy = { by: saved.savedBy, at: saved.savedAt };
			}
			this.#engine.restore((await this.store.open()).filter((a) => this.#engine.rules.some((r) => r.id === a.ruleId)));
		} catch (e) {
			this.#log(`alerts: reading saved rules and open alerts failed: ${(e as Error).message}`);
		}
	}

	get rules(): readonly AlertRule[] {
		return this.#engine.rules;
	}

	async setRules(rules: AlertRule[], by: string): Promise<void> {
		const at = Date.now();
		await this.store.saveRules(rules, by, at);
		this.#engine.setRules(rules, at);
		this.savedBy = { by, at };
	}

	/** Called by the live hub once per tick; returns the alerts active after it. */
	evaluate(s: Snapshot): ActiveAlert[] {
		this.#engine.evaluate({ ...s, forecast: s.forecast ?? this.forecast?.() ?? null }, this.#config.topics.map((t) => t.id));
		return this.#engine.active();
	}

	active(): ActiveAlert[] {
		return this.#engine.active();
	}

	acknowledge(id: string, by: string): boolean {
		return this.#engine.acknowledge(id, by);
	}

	/** Waits for the log writes and webhook deliveries under way (tests, shutdown). */
	async idle(): Promise<void> {
		await this.#writes;
		await this.webhooks.idle();
	}

	#transition(t: Transition): void {
		this.#writes = this.#writes.then(() => this.store.record(t)).catch((e: Error) => this.#log(`alerts: writing the alert log failed: ${e.message}`));
		if (t.rule.webhook) this.webhooks.send(t.rule.webhook, this.#body(t));
	}

	#body(t: Transition): WebhookBody {
		const name = (lang: 'lt' | 'en') => (t.alert.scope === 'centre' ? null : (this.#config.topics.find((x) => x.id === t.alert.scope)?.name[lang] ?? t.alert.scope));
		return {
			transition: t.transition,
			at: new Date(t.at).toISOString(),
			alert: {
				id: t.alert.id,
				rule: t.rule.id,
				figure: t.alert.figure,
				scope: t.alert.scope,
				value: t.alert.value,
				threshold: t.alert.threshold,
				startedAt: new Date(t.alert.startedAt).toISOString(),
				acknowledgedBy: t.by
			},
			text: { lt: alertText('lt', t.alert, name('lt'), t.transition), en: alertText('en', t.alert, name('en'), t.transition) }
		};
	}
}
