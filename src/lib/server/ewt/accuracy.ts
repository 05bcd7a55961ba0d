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

export function accuracy(outcomes: Iterable<EstimateOutcome>): AccuracyReport {
	let scored = 0;
	let unestimated = 0;
	let abandoned = 0;
	let abandonedWait = 0;
	let abandonedEarly = 0;
	let sumActual = 0;
	let sumSq = 0;
	let sumErr = 0;
	let sumAbs = 0;
	let in30 = 0;
	let in20pct = 0;
	for (const o of outcomes) {
		if (o.estimateS === null) {
			unestimated++;
			continue;
		}
		if (!o.answered) {
			abandoned++;
			abandonedWait += o.actualS;
			if (o.actualS < o.estimateS) abandonedEarly++;
			continue;
		}
		const err = o.estimateS - o.actualS;
		scored++;
		sumActual += o.actualS;
		sumSq += err * err;
		sumErr += err;
		sumAbs += Math.abs(err);
		if (Math.abs(err) <= 30) in30++;
		if (Math.abs(err) <= 0.2 * o.actualS) in20pct++;
	}
	const share = (n: number, of: number) => (of > 0 ? n / of : NaN);
	const mse = share(sumSq, scored);
	const meanWait = share(sumActual, scored);
	return {
		scored,
		unestimated,
		abandoned,
		abandonedMeanWaitS: share(abandonedWait, abandoned),
		abandonedBeforeEstimate: share(abandonedEarly, abandoned),
		meanWaitS: meanWait,
		mse,
		rmseS: Math.sqrt(mse),
		biasS: share(sumErr, scored),
		maeS: share(sumAbs, scored),
		within30s: share(in30, scored),
		within20pct: share(in20pct, scored),
		relativeSquaredError: mse === 0 ? 0 : mse / (meanWait * meanWait)
	};
}
