-- The sums behind the estimated-wait accuracy metrics, per topic × local hour × method, per
-- topic × method and per method. The metrics themselves are defined once, in
-- src/lib/server/ewt/accuracy.ts (addOutcome / accuracyFromSums); these are the same sums.
-- Estimates: every estimator computed for arriving callers (ewt_estimates), plus 'announced',
-- what the IVR actually told the caller (contacts.announced_wait_s), whatever rule made it.
-- Only finished contacts count: an estimate whose caller is still waiting has no outcome yet.
-- Channel: the one asked for (voice, as every figure of calls), or '' for both that queue callers.
-- A caller not answered (hung up, timed out, left for a callback) waited only a lower bound of
-- his wait: he is counted apart ("abandoned"), never scored.
WITH
    outcomes AS
    (
        SELECT contact_id, topic, queued_at, outcome = 'answered' AS was_answered, wait_ms / 1000 AS actual_s, announced_wait_s
        FROM contacts FINAL
        WHERE queued_at >= {from:DateTime64(3, 'UTC')} AND queued_at < {to:DateTime64(3, 'UTC')}
          AND channel IN ('voice', 'chat')
          AND ({channel:String} = '' OR channel = {channel:String})
          AND ({topic:String} = '' OR topic = {topic:String})
    ),
    estimates AS
    (
        SELECT contact_id, method, toFloat64(estimate_s) AS est_s
        FROM ewt_estimates FINAL
        WHERE estimated_at >= {from:DateTime64(3, 'UTC')} AND estimated_at < {to:DateTime64(3, 'UTC')}
          AND ({topic:String} = '' OR topic = {topic:String})
    ),
    scored AS
    (
        SELECT o.topic AS topic, toHour(toTimeZone(o.queued_at, {tz:String})) AS local_hour, e.method AS method,
               e.est_s AS est_s, o.was_answered AS was_answered, o.actual_s AS actual_s
        FROM estimates AS e
        INNER JOIN outcomes AS o ON o.contact_id = e.contact_id
        UNION ALL
        SELECT topic, toHour(toTimeZone(queued_at, {tz:String})), 'announced', toFloat64(announced_wait_s), was_answered, actual_s
        FROM outcomes
        WHERE announced_wait_s IS NOT NULL
    )
SELECT
    if(grouping(topic) = 0, topic, '')                                   AS topic_key,
    if(grouping(local_hour) = 0, toInt8(local_hour), toInt8(-1))         AS hour_key,
    method                                                               AS method_key,
    toUInt64(countIf(est_s IS NOT NULL AND was_answered))                AS scored,
    toUInt64(countIf(est_s IS NULL))                                     AS unestimated,
    toUInt64(countIf(est_s IS NOT NULL AND NOT was_answered))            AS abandoned,
    sumIf(actual_s, est_s IS NOT NULL AND NOT was_answered)              AS abandoned_wait_s,
    toUInt64(countIf(est_s IS NOT NULL AND NOT was_answered AND actual_s < est_s)) AS abandoned_early,
    sumIf(actual_s, est_s IS NOT NULL AND was_answered)                  AS sum_actual_s,
    sumIf((est_s - actual_s) * (est_s - actual_s), est_s IS NOT NULL AND was_answered) AS sum_squared_err,
    sumIf(est_s - actual_s, est_s IS NOT NULL AND was_answered)          AS sum_err,
    sumIf(abs(est_s - actual_s), est_s IS NOT NULL AND was_answered)     AS sum_abs_err,
    toUInt64(countIf(est_s IS NOT NULL AND was_answered AND abs(est_s - actual_s) <= 30)) AS within_30s,
    toUInt64(countIf(est_s IS NOT NULL AND was_answered AND abs(est_s - actual_s) <= 0.2 * actual_s)) AS within_20pct
FROM scored
GROUP BY GROUPING SETS ((topic, local_hour, method), (topic, method), (method))
ORDER BY method_key, topic_key, hour_key
