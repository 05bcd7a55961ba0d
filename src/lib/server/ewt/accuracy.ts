/**
 * How good an estimator was, from what it told each caller and what then happened.
 *
 * Censoring: a caller who hung up waited `actualS` but would have waited longer, so his wait is
 * only a lower bound on what was estimated. Treating it as the truth would reward estimators that
 * err short. So the error metrics use ANSWERED callers only, and abandons are reported apart
 * (how many, how long they waited, how many gave up before the estimate had elapsed). Callers
 * told no number (estimate null) are counted apart too.
 *
 * Selecting answered callers does bias the truth slightly short (a caller is likelier to be
 * answered when his wait turns out short), by about θ·Var(wait) seconds; at the patience and
 * queue sizes of a contact centre that is a second or two.
 */

export type EstimateOutcome = {
	/** What the caller was told, seconds; null if no number was given. */
	estimateS: number | null;
	/** Seconds from joining the queue to being answered, or to hanging up. */
	actualS: number;
	answered: boolean;
};

export type AccuracyReport = {
	/** Answered callers with an estimate: the ones the metrics below are over. */
	scored: number;
	/** Callers given no estimate. */
	unestimated: number;
	/** Callers with an estimate who were not answered (hung up, timed out, left for a callback). */
	abandoned: number;
	/** Mean time abandoned callers (with an estimate) waited before hanging up. */
	abandonedMeanWaitS: number;
	/** Share of abandoned callers who hung up before their estimate had elapsed. */
	abandonedBeforeEstimate: number;
	meanWaitS: number;
	mse: number;
	rmseS: number;
	/** Mean of estimate − actual: positive means callers were told too long. */
	biasS: number;
	maeS: number;
	within30s: number;
	/** Share with |estimate − actual| ≤ 20% of the actual wait (an actual of 0 needs an estimate of 0). */
	within20pct: number;
	/** MSE ÷ (mean actual wait)²; 0/0 (nobody waited, all exact) is reported as 0. */
	relativeSquaredError: number;
};

/**
 * The sums every metric above is computed from. sql/queries/ewt/accuracy_sums.sql computes the
 * same sums in ClickHouse (tests/integration/ewt-accuracy.test.ts checks they agree), so the
 * metrics have this one definition whether the outcomes are in memory or in the database.
 */
export type AccuracySums = {
	scored: number;
	unestimated: number;
	abandoned: number;
	abandonedWaitS: number;
	abandonedEarly: number;
	sumActualS: number;
	sumSquaredErr: number;
	sumErr: number;
	sumAbsErr: number;
	within30s: number;
	within20pct: number;
};

export const emptyAccuracySums = (): AccuracySums => ({
	scored: 0,
	unestimated: 0,
	abandoned: 0,
	abandonedWaitS: 0,
	abandonedEarly: 0,
	sumActualS: 0,
	sumSquaredErr: 0,
	sumErr: 0,
	sumAbsErr: 0,
	within30s: 0,
	within20pct: 0
});

/** Adds one caller's outcome to the sums (abandoned here: any caller not answered). */
export function addOutcome(s: AccuracySums, o: EstimateOutcome): void {
	if (o.estimateS === null) {
		s.unestimated++;
		return;
	}
	if (!o.answered) {
		s.abandoned++;
		s.abandonedWaitS += o.actualS;
		if (o.actualS < o.estimateS) s.abandonedEarly++;
		return;
	}
	const err = o.estimateS - o.actualS;
	s.scored++;
	s.sumActualS += o.actualS;
	s.sumSquaredErr += err * err;
	s.sumErr += err;
	s.sumAbsErr += Math.abs(err);
	if (Math.abs(err) <= 30) s.within30s++;
	if (Math.abs(err) <= 0.2 * o.actualS) s.within20pct++;
}

export function accuracyFromSums(s: AccuracySums): AccuracyReport {
	const share = (n: number, of: number) => (of > 0 ? n / of : NaN);
	const mse = share(s.sumSquaredErr, s.scored);
	const meanWait = share(s.sumActualS, s.scored);
	return {
		scored: s.scored,
		unestimated: s.unestimated,
		abandoned: s.abandoned,
		abandonedMeanWaitS: share(s.abandonedWaitS, s.abandoned),
		abandonedBeforeEstimate: share(s.abandonedEarly, s.abandoned),
		meanWaitS: meanWait,
		mse,
		rmseS: Math.sqrt(mse),
		biasS: share(s.sumErr, s.scored),
		maeS: share(s.sumAbsErr, s.scored),
		within30s: share(s.within30s, s.scored),
		within20pct: share(s.within20pct, s.scored),
		relativeSquaredError: mse === 0 ? 0 : mse / (meanWait * meanWait)
	};
}

export function accuracy(outcomes: Iterable<EstimateOutcome>): AccuracyReport {
	const sums = emptyAccuracySums();
	for (const o of outcomes) addOutcome(sums, o);
	return accuracyFromSums(sums);
}
