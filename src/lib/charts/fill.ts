/** Gap filling shared by the server's trend series and the option builders. */

/** The 96 quarter hours of a day on the local clock: 00:00 … 23:45. */
export const QUARTER_HOURS: readonly string[] = Array.from(
	{ length: 96 },
	(_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`
);

/** 'YYYY-MM' plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const i = y * 12 + (m - 1) + n;
	return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `first` to `last` inclusive ('YYYY-MM'). */
export function monthsBetween(first: string, last: string): string[] {
	const out: string[] = [];
	for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
	return out;
}

/** Points keyed by `key`, completed so every key in `keys` is present (missing ones from `empty`). */
export function fillKeys<P, K>(points: readonly P[], keyOf: (p: P) => K, keys: readonly K[], empty: (k: K) => P): P[] {
	const byKey = new Map(points.map((p) => [keyOf(p), p]));
	return keys.map((k) => byKey.get(k) ?? empty(k));
}

/** Every integer from the first to the last (both included). */
export function rangeInclusive(first: number, last: number): number[] {
	return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}
