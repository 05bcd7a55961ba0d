/**
 * The Notifications API session: a channel (POST /api/v2/notifications/channels → Channel
 * {id, connectUri, expires}), its subscriptions (PUT …/channels/{id}/subscriptions with
 * [ChannelTopic{id}], at most 1,000 a channel) and the WebSocket at connectUri. Envelopes are
 * {topicName, eventBody}; `channel.metadata` is the heartbeat (every 30 s): a socket silent
 * for `silenceMs` is dead. `v2.system.socket_closing` and a channel about to expire mean a new
 * channel with the same subscriptions, opened before the old one is closed. Any socket that
 * ends otherwise is a gap: `onGap` is told at once (the connector re-reads it from the details).
 */
import type { GenesysApi } from './api.ts';

export type NotificationSessionOptions = {
	api: GenesysApi;
	topics: string[];
	onNotification: (topic: string, body: unknown) => void;
	/** A socket ended or fell silent: notifications may have been missed since `since`. */
	onGap: (since: number) => void;
	onHeard: () => void;
	log: (line: string) => void;
	signal: AbortSignal;
	silenceMs?: number;
};

const MAX_TOPICS = 1000;
/** Channels live 24 hours; a new one is opened this long before the old expires. */
const RENEW_BEFORE_EXPIRY_MS = 10 * 60_000;

export class NotificationSession {
	readonly #o: NotificationSessionOptions;
	#socket: WebSocket | null = null;
	#lastHeard = 0;
	#watchdog: NodeJS.Timeout | null = null;
	#expiry: NodeJS.Timeout | null = null;
	#reopening = false;
	reconnects = 0;

	constructor(o: NotificationSessionOptions) {
		this.#o = o;
		o.signal.addEventListener('abort', () => this.close(), { once: true });
	}

	get connected(): boolean {
		return this.#socket?.readyState === WebSocket.OPEN;
	}

	/** Opens a channel, subscribes, connects; the previous socket (if any) is closed after. */
	async open(): Promise<void> {
		const { api } = this.#o;
		if (this.#o.topics.length > MAX_TOPICS) this.#o.log(`genesys: ${this.#o.topics.length} topics, ${MAX_TOPICS} a channel: the first ${MAX_TOPICS} followed live, the rest by the details only`);
		const channel = await api.request<{ id: string; connectUri: string; expires?: string }>('POST', '/api/v2/notifications/channels');
		const subscribed = await api.request<{ entities?: { id?: string; state?: string; rejectionReason?: string; missingPermissions?: string[] }[] }>(
			'PUT',
			`/api/v2/notifications/channels/${encodeURIComponent(channel.id)}/subscriptions`,
			this.#o.topics.slice(0, MAX_TOPICS).map((id) => ({ id }))
		);
		// ChannelTopic.state other than Permitted: the topic is not delivered; say which permission is missing.
		const refused = (subscribed.entities ?? []).filter((t) => t.state !== undefined && t.state !== 'Permitted');
		if (refused.length > 0) {
			const missing = [...new Set(refused.flatMap((t) => t.missingPermissions ?? []))];
			this.#o.log(
				`genesys: ${refused.length} topic(s) refused (${refused[0]!.id}: ${refused[0]!.rejectionReason ?? refused[0]!.state})${missing.length ? `; give the OAuth client's role ${missing.join(', ')}` : ''}`
			);
		}
		const socket = new WebSocket(channel.connectUri);
		await new Promise<void>((resolve, reject) => {
			socket.addEventListener('open', () => resolve(), { once: true });
			socket.addEventListener('error', () => reject(new Error(`notification socket ${new URL(channel.connectUri).host} did not open`)), { once: true });
		});
		const old = this.#socket;
		this.#socket = socket;
		this.#heard();
		socket.addEventListener('message', (m) => this.#message(socket, m.data));
		socket.addEventListener('close', () => {
			if (this.#socket !== socket || this.#o.signal.aborted) return;
			this.#lost('the notification socket closed');
		});
		old?.close();
		this.#watch();
		if (this.#expiry) clearTimeout(this.#expiry);
		const expires = channel.expires ? Date.parse(channel.expires) : NaN;
		if (Number.isFinite(expires)) {
			this.#expiry = setTimeout(() => void this.#replace('the channel expires'), Math.max(1000, expires - Date.now() - RENEW_BEFORE_EXPIRY_MS));
			this.#expiry.unref();
		}
	}

	#message(socket: WebSocket, data: unknown): void {
		if (socket !== this.#socket) return;
		this.#heard();
		let env: { topicName?: unknown; eventBody?: unknown };
		try {
			env = JSON.parse(String(data)) as typeof env;
		} catch {
			return;
		}
		const topic = typeof env.topicName === 'string' ? env.topicName : '';
		if (topic === 'channel.metadata') return;
		if (topic === 'v2.system.socket_closing') return void this.#replace('Genesys is closing the socket');
		this.#o.onNotification(topic, env.eventBody);
	}

	#heard(): void {
		this.#lastHeard = Date.now();
		this.#o.onHeard();
	}

	#watch(): void {
		if (this.#watchdog) return;
		const silence = this.#o.silenceMs ?? 75_000;
		this.#watchdog = setInterval(() => {
			if (this.#socket && Date.now() - this.#lastHeard > silence) this.#lost(`no heartbeat for ${Math.round(silence / 1000)} s`);
		}, Math.min(5000, silence / 3));
		this.#watchdog.unref();
	}

	/** A new channel before the old one closes: nothing is missed, no gap. */
	async #replace(why: string): Promise<void> {
		if (this.#reopening || this.#o.signal.aborted) return;
		this.#reopening = true;
		this.#o.log(`genesys: ${why}: opening a new notification channel`);
		try {
			await this.open();
			this.#reopening = false;
		} catch (e) {
			this.#reopening = false;
			this.#lost(`a new channel failed: ${(e as Error).message}`);
		}
	}

	/** The socket is gone: report the gap, then reopen with back-off until it works. */
	#lost(why: string): void {
		if (this.#reopening || this.#o.signal.aborted) return;
		const since = this.#lastHeard;
		const dead = this.#socket;
		this.#socket = null;
		dead?.close();
		this.reconnects++;
		this.#o.log(`genesys: ${why}; reconnecting, the gap is read from the details`);
		this.#o.onGap(since);
		this.#reopening = true;
		void (async () => {
			for (let attempt = 1; !this.#o.signal.aborted; attempt++) {
				try {
					await this.open();
					return;
				} catch (e) {
					this.#o.log(`genesys: reconnecting: ${(e as Error).message}`);
					await new Promise((r) => setTimeout(r, Math.random() * Math.min(30_000, 500 * 2 ** attempt)));
				}
			}
		})().finally(() => (this.#reopening = false));
	}

	close(): void {
		if (this.#watchdog) clearInterval(this.#watchdog);
		if (this.#expiry) clearTimeout(this.#expiry);
		this.#watchdog = this.#expiry = null;
		const s = this.#socket;
		this.#socket = null;
		s?.close();
	}
}
