/**
 * The wallboard's connection to `/live`: keeps the last good LiveState, marks it stale when
 * the server goes quiet, and reconnects by itself with capped exponential backoff and jitter.
 * A TV runs this all day unattended, so nothing here ever needs a reload or a click.
 * A socket that closes without ever opening may have been refused: then it asks why (see
 * refusal.ts) and says so, retrying at the slowest pace until a connection succeeds.
 */
import { STALE_AFTER_MS, decodeState, type LiveMessage, type LiveState, type WireMessage } from '$lib/live/protocol.ts';
import { ClockOffset } from './clockOffset.ts';
import { probeUrlFor, refusalFor, type Refusal } from './refusal.ts';

export type LiveStatus = 'connecting' | 'open' | 'reconnecting';

/** Backoff before reconnect attempt `n` (0-based): 1 s doubling to 30 s, each drawn from [50 %, 100 %]. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const cap = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 10));
	return Math.round(cap * (0.5 + 0.5 * random()));
}

/** The first attempt whose backoff is at the 30 s cap: where a refused board retries. */
const CAPPED_ATTEMPT = 5;

export class LiveConnection {
	/** Where the socket is: connecting for the first time, open, or waiting to reconnect after a drop. */
	status = $state<LiveStatus>('connecting');
	/** The last good state received; null until the first one (screens then show "—", never 0). */
	state = $state<LiveState | null>(null);
	/** True when the shown state is no longer live (socket dropped or silent for STALE_AFTER_MS). */
	stale = $state(false);
	/** When the shown state was last confirmed live (client clock, epoch ms); null before the first. */
	lastHeardAt = $state<number | null>(null);
	/** Server clock minus client clock (ms), best of the recent frames (clockOffset.ts); wait timers tick on server time. */
	clockOffsetMs = $state(0);
	/**
	 * Why the server refuses this screen, when GET /api/live says it does; null otherwise.
	 * Cleared when a socket opens: a refusal seen through a flaky network may not last.
	 */
	refused = $state<Refusal | null>(null);

	#url = '';
	#socket: WebSocket | null = null;
	#attempt = 0;
	#lastSeq = -1;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#watchdog: ReturnType<typeof setInterval> | null = null;
	#closed = false;
	#offset = new ClockOffset();
	/** Last sign of life on the current socket: opened or a message (client clock). */
	#aliveAt = 0;

	/** The /live address on this page's origin, passing the page's `?token=` along. */
	static urlFor(location: Location, site: string | null): string {
		const ws = new URL('/live', location.href);
		ws.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		const token = new URL(location.href).searchParams.get('token');
		if (token) ws.searchParams.set('token', token);
		if (site) ws.searchParams.set('site', site);
		return ws.toString();
	}

	/** Connects to `url` (the full ws(s):// address of /live, query included) and keeps connected. */
	start(url: string): void {
		this.#url = url;
		this.#closed = false;
		this.#open();
		this.#watchdog = setInterval(() => this.#checkSilence(), 1_000);
	}

	stop(): void {
		this.#closed = true;
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		if (this.#watchdog) clearInterval(this.#watchdog);
		this.#socket?.close();
		this.#socket = null;
	}

	#open(): void {
		this.#retryTimer = null;
		let socket: WebSocket;
		try {
			socket = new WebSocket(this.#url);
		} catch {
			this.#scheduleReconnect();
			return;
		}
		this.#socket = socket;
		this.#aliveAt = Date.now();
		let opened = false;
		socket.onopen = () => {
			if (this.#socket !== socket) return;
			opened = true;
			this.status = 'open';
			this.refused = null;
			// Perhaps another server process, with its own clock.
			this.#offset.reset();
		};
		socket.onmessage = (event) => {
			if (this.#socket === socket && typeof event.data === 'string') this.#receive(event.data);
		};
		socket.onclose = () => {
			if (this.#socket !== socket) return;
			this.#socket = null;
			this.#markStale();
			if (opened) this.#scheduleReconnect();
			else void this.#askWhyRefused().finally(() => this.#scheduleReconnect());
		};
		// An error is always followed by close; nothing to do here.
		socket.onerror = () => {};
	}

	#receive(text: string): void {
		let wire: WireMessage;
		try {
			wire = JSON.parse(text) as WireMessage;
		} catch {
			return;
		}
		if (!wire || typeof wire !== 'object' || !wire.state || typeof wire.seq !== 'number') return;
		const message: LiveMessage = { ...wire, state: decodeState(wire.state) };
		// A snapshot starts a new sequence (a restarted server counts from scratch); an update
		// older than what we show is late and dropped; a gap just means we take the newer state.
		if (message.type !== 'snapshot' && message.seq <= this.#lastSeq) return;
		this.#lastSeq = message.seq;
		const now = Date.now();
		this.state = message.state;
		const offset = this.#offset.observe(message.state.asOf, now);
		if (offset !== this.clockOffsetMs) this.clockOffsetMs = offset;
		this.lastHeardAt = now;
		this.#aliveAt = now;
		this.stale = false;
		this.status = 'open';
		this.#attempt = 0;
	}

	/**
	 * Called when a socket closed before opening: refused, or the server or network is down.
	 * Only an answer from our server (401/403, or a 2xx that rules a refusal out) changes what
	 * the board says; a failed request leaves it as it was. Bounded, so the retry never waits long.
	 */
	async #askWhyRefused(): Promise<void> {
		let status: number;
		// Not AbortSignal.timeout(): older TV browsers lack it.
		const abort = new AbortController();
		const timer = setTimeout(() => abort.abort(), STALE_AFTER_MS);
		try {
			const res = await fetch(probeUrlFor(this.#url), { credentials: 'same-origin', cache: 'no-store', signal: abort.signal });
			status = res.status;
			// Only the status matters; a 200 would otherwise download a whole live state.
			void res.body?.cancel().catch(() => {});
		} catch {
			return;
		} finally {
			clearTimeout(timer);
		}
		if (this.#closed) return;
		const refusal = refusalFor(status, new URL(this.#url).searchParams.has('token'));
		if (refusal) {
			this.refused = refusal;
			// Asking again every second or two would change nothing but the server's load.
			this.#attempt = Math.max(this.#attempt, CAPPED_ATTEMPT);
		} else if (status >= 200 && status < 300) this.refused = null;
	}

	#markStale(): void {
		if (this.state !== null) this.stale = true;
	}

	#checkSilence(): void {
		if (this.#socket === null) return;
		if (Date.now() - this.#aliveAt > STALE_AFTER_MS) {
			// Silent, or stuck connecting (a half-dead network path): show stale and start afresh.
			this.#markStale();
			const socket = this.#socket;
			this.#socket = null;
			socket.close();
			this.#scheduleReconnect();
		}
	}

	#scheduleReconnect(): void {
		if (this.#closed || this.#retryTimer) return;
		this.status = 'reconnecting';
		const delay = backoffMs(this.#attempt++);
		this.#retryTimer = setTimeout(() => this.#open(), delay);
	}
}
