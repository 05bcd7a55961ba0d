/**
 * Outgoing webhooks: each alert transition POSTed once as JSON to the rule's address, retried
 * with backoff while the receiver fails (network error, timeout, 408, 429, 5xx) and never after
 * it has accepted (2xx): one delivery per transition. Each request carries an Idempotency-Key
 * (alert id and transition), so a receiver that saw a retry of a request whose answer was lost
 * can drop it. The address is logged by its origin only: chat gateways put secrets in the path.
 */
import type { Transition } from './engine.ts';

export type WebhookOptions = { attempts: number; baseDelayMs: number; timeoutMs: number; log: (line: string) => void };

const DEFAULTS: WebhookOptions = { attempts: 6, baseDelayMs: 1_000, timeoutMs: 5_000, log: (l) => console.error(l) };

export type WebhookBody = {
	transition: Transition['transition'];
	at: string;
	alert: { id: string; rule: string; figure: string; scope: string; value: number; threshold: number; startedAt: string; acknowledgedBy: string | null };
	text: { lt: string; en: string };
};

export class WebhookSender {
	readonly #opts: WebhookOptions;
	/** Deliveries still trying (tests and shutdown wait for them). */
	#pending = new Set<Promise<void>>();

	constructor(opts: Partial<WebhookOptions> = {}) {
		this.#opts = { ...DEFAULTS, ...opts };
	}

	send(url: string, body: WebhookBody): void {
		const p = this.#deliver(url, body).finally(() => this.#pending.delete(p));
		this.#pending.add(p);
	}

	async idle(): Promise<void> {
		while (this.#pending.size) await Promise.all([...this.#pending]);
	}

	async #deliver(url: string, body: WebhookBody): Promise<void> {
		const json = JSON.stringify(body);
		const where = safeOrigin(url);
		for (let attempt = 0; attempt < this.#opts.attempts; attempt++) {
			if (attempt > 0) await new Promise((r) => setTimeout(r, this.#opts.baseDelayMs * 2 ** (attempt - 1)));
			let status = 0;
			try {
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'idempotency-key': `${body.alert.id}:${body.transition}`, 'user-agent': 'callboard-alerts' },
					body: json,
					signal: AbortSignal.timeout(this.#opts.timeoutMs),
					redirect: 'manual'
				});
				status = res.status;
				void res.body?.cancel().catch(() => {});
				if (status >= 200 && status < 300) return;
				if (status < 500 && status !== 408 && status !== 429) {
					this.#opts.log(`alerts: webhook ${where} refused ${body.transition} of ${body.alert.id} with HTTP ${status}; not retried`);
					return;
				}
			} catch (e) {
				status = -1;
				if (attempt === this.#opts.attempts - 1) this.#opts.log(`alerts: webhook ${where} unreachable: ${(e as Error).message}`);
			}
		}
		this.#opts.log(`alerts: webhook ${where} gave up on ${body.transition} of ${body.alert.id} after ${this.#opts.attempts} attempts`);
	}
}

function safeOrigin(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return '(invalid address)';
	}
}
