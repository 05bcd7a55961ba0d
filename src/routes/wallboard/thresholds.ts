/**
 * When a wallboard figure turns from ok to warning to alarm. Pure data and functions, shared
 * by the server load (which sends the thresholds) and the tiles (which judge each figure).
 * Service-level goals and targets come from each topic in the config, the rest from the
 * config's `wallboard.thresholds` (defaults in src/lib/server/config/defaults.ts).
 */
export type Level = 'ok' | 'warn' | 'alarm' | 'none';

/** A figure where more is worse: warn at or above `warn`, alarm at or above `alarm`. */
export type Upper = { warn: number; alarm: number };

export type Thresholds = {
	/** Callers waiting in one topic's queue. */
	waiting: Upper;
	/** Longest wait as a multiple of the topic's service-level target (1 = the target itself). */
	longestWaitFactor: Upper;
	/** Service level below goal by up to this much (0..1) is a warning; further below is an alarm. */
	serviceLevelMargin: number;
	asaS: Upper;
	avgWaitS: Upper;
	abandonRate: Upper;
	/** Consultants available now: at or below `warn` is a warning, at or below `alarm` an alarm. */
	available: { warn: number; alarm: number };
};

/** More is worse. null (nothing to measure) is "none", never ok. */
export function upperLevel(value: number | null | undefined, t: Upper): Level {
	if (value == null || !Number.isFinite(value)) return 'none';
	return value >= t.alarm ? 'alarm' : value >= t.warn ? 'warn' : 'ok';
}

/** Less is worse (available consultants). */
export function lowerLevel(value: number | null | undefined, t: { warn: number; alarm: number }): Level {
	if (value == null || !Number.isFinite(value)) return 'none';
	return value <= t.alarm ? 'alarm' : value <= t.warn ? 'warn' : 'ok';
}

/**
 * Available consultants. Nobody signed in and nobody waiting is a closed centre (the night, a
 * holiday): nothing to judge, so a TV left on does not show an alarm until morning. Once a
 * caller waits, or someone signs in, the count is judged again.
 */
export function availableLevel(
	staff: { available: number; loggedIn: number } | null | undefined,
	waiting: number | null | undefined,
	t: { warn: number; alarm: number }
): Level {
	if (staff == null) return 'none';
	if (staff.loggedIn === 0 && (waiting ?? 0) === 0) return 'none';
	return lowerLevel(staff.available, t);
}

export function serviceLevelLevel(value: number | null | undefined, goal: number, margin: number): Level {
	if (value == null || !Number.isFinite(value)) return 'none';
	return value >= goal ? 'ok' : value >= goal - margin ? 'warn' : 'alarm';
}

const rank: Record<Level, number> = { none: 0, ok: 1, warn: 2, alarm: 3 };

/** The worst of several levels: a tile takes the colour of its worst figure. */
export function worst(...levels: Level[]): Level {
	return levels.reduce<Level>((a, b) => (rank[b] > rank[a] ? b : a), 'none');
}
