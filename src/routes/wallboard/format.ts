/** Figures as the wallboard writes them. null is "—": a missing figure is never shown as 0. */
import { locale, type Lang } from '$lib/i18n/pick.ts';

export const DASH = '—';

export { locale };

// The board redraws every second; building an Intl formatter is far dearer than using one,
// so each is built once per language (and zone) and kept for the page's life.
const counts = new Map<Lang, Intl.NumberFormat>();
const percents = new Map<Lang, Intl.NumberFormat>();
const clocks = new Map<string, Intl.DateTimeFormat>();

function cached<K, F>(cache: Map<K, F>, key: K, make: () => F): F {
	let f = cache.get(key);
	if (f === undefined) cache.set(key, (f = make()));
	return f;
}

/** A whole number with the language's grouping: "1 234" in Lithuanian, "1,234" in English. */
export function count(n: number | null | undefined, lang: Lang): string {
	if (n == null || !Number.isFinite(n)) return DASH;
	return cached(counts, lang, () => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 })).format(n);
}

/** Seconds as m:ss (or h:mm:ss past an hour). */
export function duration(seconds: number | null | undefined): string {
	if (seconds == null || !Number.isFinite(seconds)) return DASH;
	const s = Math.max(0, Math.floor(seconds));
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const ss = String(s % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function percent(share: number | null | undefined, lang: Lang): string {
	if (share == null || !Number.isFinite(share)) return DASH;
	return cached(percents, lang, () => new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 })).format(share);
}

/** HH:MM:SS in the centre's zone, in the UI language. */
export function clock(epochMs: number | null | undefined, lang: Lang, timeZone: string): string {
	if (epochMs == null || !Number.isFinite(epochMs)) return DASH;
	return cached(clocks, `${lang} ${timeZone}`, () =>
		new Intl.DateTimeFormat(locale(lang), { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
	).format(epochMs);
}
