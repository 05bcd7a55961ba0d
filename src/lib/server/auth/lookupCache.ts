/**
 * The cache in front of access lookups (a token, a session's user). An answer is kept for
 * `freshMs`: a revoked token stops working within that time on every process. Three things keep
 * the request path from waiting on ClickHouse:
 * - an answer in its last `refreshAheadMs` is reloaded in the background while it is still
 *   served, so steady traffic (a TV, an IVR asking for the wait per caller) never waits;
 * - requests arriving while a key is being loaded share that one load: when a popular token's
 *   answer expired, 200 concurrent requests made 200 queries, and the slowest waited for all
 *   (bench/ewt.ts: /api/ewt p99 89 ms in the server, p50 0.05 ms);
 * - while the store cannot be reached, the last answer is kept up to `staleMs`.
 */
type Entry<T> = { value: T; until: number; stored: number };

export type LookupCacheOptions = { freshMs: number; refreshAheadMs: number; staleMs: number; maxKeys?: number; now?: () => number };

export class LookupCache<T> {
	readonly #entries = new Map<string, Entry<T>>();
	readonly #loading = new Map<string, Promise<T>>();
	readonly #opts: Required<LookupCacheOptions>;
	/** Bumped by clear(): a load begun before it must not store its (older) answer after it. */
	#generation = 0;

	constructor(opts: LookupCacheOptions) {
		this.#opts = { maxKeys: 10_000, now: Date.now, ...opts };
	}

	async get(key: string, load: (key: string) => Promise<T>): Promise<T> {
		const hit = this.#entries.get(key);
		const now = this.#opts.now();
		if (hit && hit.until > now) {
			if (hit.until - now <= this.#opts.refreshAheadMs) this.#load(key, load).catch(() => {});
			return hit.value;
		}
		try {
			return await this.#load(key, load);
		} catch (e) {
			if (hit && now - hit.stored < this.#opts.staleMs) return hit.value;
			throw e;
		}
	}

	/** Forgets every answer (after a change made by this process), loads in flight included. */
	clear(): void {
		this.#generation++;
		this.#entries.clear();
		this.#loading.clear();
	}

	#load(key: string, load: (key: string) => Promise<T>): Promise<T> {
		let p = this.#loading.get(key);
		if (p) return p;
		const generation = this.#generation;
		p = load(key).then(
			(value) => {
				if (generation === this.#generation) {
					// Re-inserted at the end: the map's order is then least recently loaded first, and
					// when it is full that one goes. (Clearing it all let a flood of made-up tokens push
					// the TVs' and the IVR's real ones out to wait on ClickHouse.)
					this.#entries.delete(key);
					if (this.#entries.size >= this.#opts.maxKeys) this.#entries.delete(this.#entries.keys().next().value!);
					const now = this.#opts.now();
					this.#entries.set(key, { value, until: now + this.#opts.freshMs, stored: now });
				}
				return value;
			}
		);
		const done = () => {
			if (this.#loading.get(key) === p) this.#loading.delete(key);
		};
		p.then(done, done);
		this.#loading.set(key, p);
		return p;
	}
}
