/**
 * The TV's forecast line per topic, from GET /api/forecast/tv: fetched once a minute (the server
 * makes the forecast once a minute; a live frame every second would ask for nothing new), not
 * with the live frames. A topic's line is null outside opening hours, and then nothing is shown.
 */
import type { Lang } from '$lib/i18n/pick.ts';

export type TvForecastTopic = { topic: string; projectedServiceLevel: number | null; goal: number; line: Record<Lang, string> | null };

const EVERY_MS = 60_000;
/** A line older than this (the server unreachable meanwhile) is no longer shown: it may have turned. */
const KEEP_MS = 5 * 60_000;

export class TvForecast {
	/** Per topic id, the latest answer's topics; empty before the first answer and once it is too old. */
	topics = $state<Record<string, TvForecastTopic>>({});

	#timer: ReturnType<typeof setInterval> | null = null;
	#url = '';
	#okAt = 0;

	/** /api/forecast/tv on this page's origin, with the page's `?token=` (a TV cannot set headers). */
	static urlFor(location: Location): string {
		const url = new URL('/api/forecast/tv', location.href);
		const token = new URL(location.href).searchParams.get('token');
		if (token) url.searchParams.set('token', token);
		return url.toString();
	}

	start(url: string): void {
		this.#url = url;
		void this.#load();
		this.#timer = setInterval(() => void this.#load(), EVERY_MS);
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	/** The topic's line when there is one to show. */
	lineOf(topic: string): TvForecastTopic | null {
		const t = this.topics[topic];
		return t && t.line ? t : null;
	}

	async #load(): Promise<void> {
		try {
			const res = await fetch(this.#url, { headers: { accept: 'application/json' } });
			if (!res.ok) throw new Error(String(res.status));
			const body = (await res.json()) as { topics: TvForecastTopic[] };
			this.topics = Object.fromEntries(body.topics.map((t) => [t.topic, t]));
			this.#okAt = Date.now();
		} catch {
			// The live socket says how the board is; the forecast line just goes once it is too old.
			if (Date.now() - this.#okAt > KEEP_MS) this.topics = {};
		}
	}
}
