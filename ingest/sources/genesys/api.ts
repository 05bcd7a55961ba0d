/**
 * Genesys Cloud Platform API over `fetch`: the OAuth client-credentials grant and the few REST
 * calls the connector makes, with the retry rules the platform documents.
 *
 * Why not the SDK (purecloud-platform-client-v2): it would add a large dependency with its own
 * HTTP stack for four endpoints, its retry handling is opt-in and does not expose what we must
 * count (429s, renewals), and tests point the connector at a local double through one base URL
 * per host, which plain fetch takes as is.
 *
 * - Token: `POST {login}/oauth/token`, HTTP Basic client id:secret, form body
 *   `grant_type=client_credentials`; answer `{access_token, token_type: "bearer", expires_in}`
 *   (seconds). Renewed a minute before it expires and once after a 401.
 * - 429: wait `Retry-After` (seconds) and try again.
 * - 5xx and dropped connections: exponential back-off with full jitter, up to 30 s.
 * - 400/401 from the token endpoint, 403 from the API, an unreachable login host: a
 *   GenesysSetupError with one line naming what to fix; the connector stops, the server runs on.
 * Secrets never appear in an error or a log line.
 */

export type GenesysEndpoints = { apiUrl: string; loginUrl: string };

/** `GENESYS_REGION` (default mypurecloud.de, Frankfurt) → hosts; GENESYS_API_URL / GENESYS_LOGIN_URL override. */
export function genesysEndpoints(env: Record<string, string | undefined>): GenesysEndpoints {
	const region = env.GENESYS_REGION?.trim() || 'mypurecloud.de';
	return {
		apiUrl: (env.GENESYS_API_URL?.trim() || `https://api.${region}`).replace(/\/+$/, ''),
		loginUrl: (env.GENESYS_LOGIN_URL?.trim() || `https://login.${region}`).replace(/\/+$/, '')
	};
}

/** A problem only a person can fix (credentials, region, permissions): one line, no stack. */
export class GenesysSetupError extends Error {
	override name = 'GenesysSetupError';
}

export type GenesysApiOptions = GenesysEndpoints & {
	clientId: string;
	clientSecret: string;
	/** Counts what operators watch (/metrics). */
	onEvent?: (what: 'token' | 'retry429' | 'retry5xx' | 'reauth401') => void;
	/** Tests make time pass faster. */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	signal?: AbortSignal;
	/** Attempts for 5xx and dropped connections before the error is thrown (the caller retries later). */
	maxAttempts?: number;
};

const RENEW_BEFORE_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve();
		const t = setTimeout(done, ms);
		function done() {
			clearTimeout(t);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, { once: true });
	});
}

/** Why a fetch failed, without the URL's credentials (there are none in ours) or a stack. */
function causeOf(e: unknown): string {
	const err = e as { cause?: { code?: string; message?: string }; message?: string };
	return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}

export class GenesysApi {
	readonly #o: GenesysApiOptions;
	#token: { value: string; expiresAt: number } | null = null;
	#renewing: Promise<string> | null = null;

	constructor(o: GenesysApiOptions) {
		this.#o = o;
	}

	get endpoints(): GenesysEndpoints {
		return { apiUrl: this.#o.apiUrl, loginUrl: this.#o.loginUrl };
	}

	#sleep(ms: number): Promise<void> {
		return (this.#o.sleep ?? defaultSleep)(ms, this.#o.signal);
	}

	/** A valid token: the cached one until a minute before it expires. */
	async token(force = false): Promise<string> {
		if (!force && this.#token && this.#token.expiresAt - RENEW_BEFORE_MS > Date.now()) return this.#token.value;
		this.#renewing ??= this.#fetchToken().finally(() => (this.#renewing = null));
		return this.#renewing;
	}

	async #fetchToken(): Promise<string> {
		const url = `${this.#o.loginUrl}/oauth/token`;
		const basic = Buffer.from(`${this.#o.clientId}:${this.#o.clientSecret}`).toString('base64');
		for (let attempt = 1; ; attempt++) {
			let res: Response;
			try {
				res = await fetch(url, {
					method: 'POST',
					headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
					body: 'grant_type=client_credentials',
					signal: this.#o.signal
				});
			} catch (e) {
				const cause = causeOf(e);
				// A host that does not resolve before any token was had is a wrong region, not an outage.
				if ((this.#token === null && /ENOTFOUND|ERR_INVALID_URL|Invalid URL/.test(cause)) || this.#o.signal?.aborted)
					throw new GenesysSetupError(`cannot reach the Genesys login host ${this.#o.loginUrl} (${cause}): check GENESYS_REGION (e.g. mypurecloud.de) or GENESYS_LOGIN_URL`);
				if (attempt >= (this.#o.maxAttempts ?? 6)) throw new Error(`Genesys login ${this.#o.loginUrl} unreachable: ${cause}`);
				await this.#backoff(attempt);
				continue;
			}
			if (res.status === 429) {
				this.#o.onEvent?.('retry429');
				await this.#sleep(retryAfterMs(res));
				continue;
			}
			if (res.status >= 500) {
				await res.body?.cancel();
				if (attempt >= (this.#o.maxAttempts ?? 6)) throw new Error(`Genesys login answered ${res.status}`);
				this.#o.onEvent?.('retry5xx');
				await this.#backoff(attempt);
				continue;
			}
			const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
			if (!res.ok || typeof body.access_token !== 'string') {
				const why = body.error ? ` (${body.error})` : '';
				throw new GenesysSetupError(
					`Genesys refused the OAuth client${why} at ${this.#o.loginUrl}: check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET (a client-credentials OAuth client of this organisation and region)`
				);
			}
			this.#o.onEvent?.('token');
			const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 86_400;
			this.#token = { value: body.access_token, expiresAt: Date.now() + seconds * 1000 };
			return body.access_token;
		}
	}

	async #backoff(attempt: number): Promise<void> {
		// Full jitter: many connectors restarting at once do not hit the API in step.
		await this.#sleep(Math.random() * Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt));
	}

	/** One API call, with the token, 401/429/5xx handling. `path` starts with /api/v2/. */
	async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
		let renewed = false;
		for (let attempt = 1; ; attempt++) {
			const token = await this.token();
			let res: Response;
			try {
				res = await fetch(`${this.#o.apiUrl}${path}`, {
					method,
					headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
					body: body === undefined ? undefined : JSON.stringify(body),
					signal: this.#o.signal
				});
			} catch (e) {
				if (this.#o.signal?.aborted) throw e;
				if (attempt >= (this.#o.maxAttempts ?? 6)) throw new Error(`Genesys API ${this.#o.apiUrl} unreachable: ${causeOf(e)}`);
				this.#o.onEvent?.('retry5xx');
				await this.#backoff(attempt);
				continue;
			}
			if (res.status === 401 && !renewed) {
				// The token expired early or was revoked: one new token, then the call again.
				await res.body?.cancel();
				this.#o.onEvent?.('reauth401');
				renewed = true;
				await this.token(true);
				continue;
			}
			if (res.status === 429) {
				await res.body?.cancel();
				this.#o.onEvent?.('retry429');
				await this.#sleep(retryAfterMs(res));
				continue;
			}
			if (res.status >= 500) {
				await res.body?.cancel();
				if (attempt >= (this.#o.maxAttempts ?? 6)) throw new Error(`Genesys API ${method} ${path} answered ${res.status}`);
				this.#o.onEvent?.('retry5xx');
				await this.#backoff(attempt);
				continue;
			}
			if (res.status === 403)
				throw new GenesysSetupError(`the OAuth client may not ${method} ${path} (403): give its role the permission named in the README's "Genesys Cloud" section`);
			if (!res.ok) {
				const text = await res.text().catch(() => '');
				throw new Error(`Genesys API ${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
			}
			return (await res.json()) as T;
		}
	}
}

/** Retry-After in seconds (or an HTTP date), 1 s when absent or unreadable. */
function retryAfterMs(res: Response): number {
	const h = res.headers.get('retry-after');
	if (h === null) return 1000;
	const s = Number(h);
	if (Number.isFinite(s) && s >= 0) return Math.min(s, 300) * 1000;
	const at = Date.parse(h);
	return Number.isFinite(at) ? Math.max(0, Math.min(300_000, at - Date.now())) : 1000;
}
