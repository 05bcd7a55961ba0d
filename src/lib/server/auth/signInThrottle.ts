/**
 * Failed sign-ins, counted per username and per client address over a sliding window: past
 * the limit, that name (or address) may not try again until its oldest failure leaves the
 * window. Without it, passwords could be guessed at the server's speed. Counted in this process's
 * memory (several server processes each count their own), bounded in size.
 */
export type ThrottleOptions = { windowMs: number; perUser: number; perAddress: number; maxKeys?: number; now?: () => number };

export class SignInThrottle {
	readonly #failures = new Map<string, number[]>();
	readonly #opts: Required<ThrottleOptions>;

	constructor(opts: ThrottleOptions) {
		this.#opts = { maxKeys: 10_000, now: Date.now, ...opts };
	}

	/** How long (ms) before this name from this address may try again; 0 when it may now. */
	waitMs(username: string, address: string): number {
		return Math.max(this.#wait(`u:${username}`, this.#opts.perUser), this.#wait(`a:${address}`, this.#opts.perAddress));
	}

	/**
	 * Asks to try a password: 0 when it may go ahead, the attempt then counted as a failure at once;
	 * otherwise the wait (ms), nothing counted. :TRICKY: counted before the password is checked,
	 * since checking is the slow step (scrypt): counted after it, 200 parallel guesses all passed
	 * the check before the first was recorded.
	 */
	attempt(username: string, address: string): number {
		const wait = this.waitMs(username, address);
		if (wait > 0) return wait;
		this.#add(`u:${username}`);
		this.#add(`a:${address}`);
		return 0;
	}

	/**
	 * A correct password forgets the name's failures, and this attempt no longer counts against
	 * the address (the address keeps its other failures: one office, many people).
	 */
	succeeded(username: string, address: string): void {
		this.#failures.delete(`u:${username}`);
		const times = this.#failures.get(`a:${address}`);
		times?.pop();
		if (times?.length === 0) this.#failures.delete(`a:${address}`);
	}

	#recent(key: string): number[] {
		const since = this.#opts.now() - this.#opts.windowMs;
		const times = (this.#failures.get(key) ?? []).filter((t) => t > since);
		if (times.length === 0) this.#failures.delete(key);
		else this.#failures.set(key, times);
		return times;
	}

	#wait(key: string, limit: number): number {
		const times = this.#recent(key);
		return times.length < limit ? 0 : times[times.length - limit]! + this.#opts.windowMs - this.#opts.now();
	}

	#add(key: string): void {
		const times = this.#recent(key);
		if (times.length === 0 && this.#failures.size >= this.#opts.maxKeys) this.#failures.delete(this.#failures.keys().next().value!);
		times.push(this.#opts.now());
		this.#failures.set(key, times);
	}
}

/** 10 wrong passwords for one name, or 50 from one address, in 15 minutes. */
export const signInThrottle = new SignInThrottle({ windowMs: 15 * 60_000, perUser: 10, perAddress: 50 });
