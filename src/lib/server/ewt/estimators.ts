/**
 * Expected wait for a caller who joins a topic's queue NOW, from a snapshot of that queue.
 * Pure functions: the snapshot comes from TopicWindow (topicWindow.ts) plus the live agent
 * states; nothing here reads a clock or keeps state.
 *
 * Every estimator predicts the caller's wait until answered if he does not hang up (the
 * "virtual" wait), which is what an announcement promises. Seconds throughout.
 */

export type QueueSnapshot = {
	/** Callers waiting in the topic's queue now; all are ahead of a new caller (FIFO). */
	ahead: number;
	/** Consultants logged in and serving the topic, in any state (talking, wrap-up, ready, break). */
	agentsServing: number;
	/** Of those, consultants ready to take a call this moment. */
	agentsIdle: number;
	/** Average handle time (talk + hold + wrap-up) of calls completed in the last hour; null if none. */
	ahtS: number | null;
	/**
	 * sμ: calls the topic's consultants complete per second while callers are waiting, over the
	 * recent window; null when too few completions were seen to trust it.
	 */
	serviceRatePerS: number | null;
	/** θ: abandons per second of caller waiting over the recent window; 0 when none measured. */
	abandonRatePerS: number;
	/** Elapsed wait of the oldest caller still waiting; null when nobody waits. */
	oldestWaitS: number | null;
	/** Wait of the caller most recently answered, if answered within the recent window. */
	lastAnsweredWaitS: number | null;
};

/**
 * The centre's current rule, read as: n callers waiting × AHT of the last hour ÷ consultants
 * logged in serving the topic (not only the ready ones). It ignores that callers ahead hang up
 * and that the new caller still needs one completion after the last one ahead is answered.
 * Null when nobody serves the topic or no call completed in the hour.
 */
export function centreRule(s: QueueSnapshot): number | null {
	if (s.agentsServing <= 0 || s.ahtS === null) return null;
	if (s.ahead === 0 && s.agentsIdle > 0) return 0;
	return (s.ahead * s.ahtS) / s.agentsServing;
}

/** Head of line: how long the oldest waiting caller has waited so far (0 with an empty queue). */
export function headOfLine(s: QueueSnapshot): number {
	if (s.ahead === 0 && s.agentsIdle > 0) return 0;
	return s.oldestWaitS ?? 0;
}

/** Last to enter service: the wait of the most recent caller answered; null if none recently. */
export function lastToEnterService(s: QueueSnapshot): number | null {
	if (s.ahead === 0 && s.agentsIdle > 0) return 0;
	return s.lastAnsweredWaitS;
}

/**
 * Σ_{k=0..n} 1/(sμ + kθ): with k callers ahead the caller moves up when a consultant frees
 * (rate sμ) or one of the k ahead hangs up (rate kθ); with none ahead he waits for one more
 * completion. The expected sum of those exponential stages is his expected wait.
 */
export function erlangAWait(ahead: number, serviceRatePerS: number, abandonRatePerS: number): number {
	let total = 0;
	for (let k = 0; k <= ahead; k++) total += 1 / (serviceRatePerS + k * abandonRatePerS);
	return total;
}

export type EwtBasis = 'idle' | 'erlangA' | 'lastToEnterService' | 'headOfLine' | 'centreRule';
export type EwtEstimate = { seconds: number; basis: EwtBasis };

/**
 * The estimate to announce, with what it rests on. Order:
 *   1. a consultant is ready and nobody waits → 0;
 *   2. someone serves the topic and sμ is measured → Erlang-A sum (θ = 0 if no abandons seen);
 *   3. a caller was answered recently → his wait (a whole, finished wait, so it is preferred
 *      to head of line, which only grows);
 *   4. someone is waiting → head of line (a lower bound: the oldest caller is not answered yet);
 *   5. nothing known → null: announce no number.
 */
export function estimateWait(s: QueueSnapshot): EwtEstimate | null {
	if (s.ahead === 0 && s.agentsIdle > 0) return { seconds: 0, basis: 'idle' };
	if (s.agentsServing > 0 && s.serviceRatePerS !== null && s.serviceRatePerS > 0) {
		return { seconds: erlangAWait(s.ahead, s.serviceRatePerS, s.abandonRatePerS), basis: 'erlangA' };
	}
	if (s.lastAnsweredWaitS !== null) return { seconds: s.lastAnsweredWaitS, basis: 'lastToEnterService' };
	if (s.oldestWaitS !== null) return { seconds: s.oldestWaitS, basis: 'headOfLine' };
	return null;
}

/** The estimators callboard computes for every arriving caller; config `ewt.announced` picks one. */
export const EWT_METHODS = ['erlangA', 'centreRule', 'headOfLine', 'lastToEnterService'] as const;
export type EwtMethod = (typeof EWT_METHODS)[number];

/**
 * One estimator's answer. `erlangA` is the announced policy of estimateWait (Erlang-A sum, with
 * its fallbacks when sμ is unknown); the others are the bare rules, null when they have nothing.
 */
export function estimateBy(method: EwtMethod, s: QueueSnapshot): EwtEstimate | null {
	switch (method) {
		case 'erlangA':
			return estimateWait(s);
		case 'centreRule': {
			const seconds = centreRule(s);
			return seconds === null ? null : { seconds, basis: s.ahead === 0 && s.agentsIdle > 0 ? 'idle' : 'centreRule' };
		}
		case 'headOfLine':
			return { seconds: headOfLine(s), basis: s.ahead === 0 && s.agentsIdle > 0 ? 'idle' : 'headOfLine' };
		case 'lastToEnterService': {
			const seconds = lastToEnterService(s);
			return seconds === null ? null : { seconds, basis: s.ahead === 0 && s.agentsIdle > 0 ? 'idle' : 'lastToEnterService' };
		}
	}
}
