-- The stored forecasts (the earliest made per interval and horizon) against the contacts
-- offered in the interval, per topic, channel and horizon: MAPE over intervals with calls,
-- bias as Σ(forecast − actual) ÷ Σ actual. Only intervals that have ended are scored.
WITH f AS (
    SELECT bucket, topic, channel, horizon, argMin(expected, made_at) AS expected
    FROM forecast_intervals
    WHERE bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}
    GROUP BY bucket, topic, channel, horizon
),
a AS (
    SELECT bucket, topic, channel, toFloat64(sum(offered)) AS actual
    FROM contacts_15m
    WHERE bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}
    GROUP BY bucket, topic, channel
)
SELECT
    f.topic AS topic,
    f.channel AS channel,
    f.horizon AS horizon,
    toUInt32(countIf(a.actual > 0)) AS intervals,
    avgIf(abs(f.expected - a.actual) / a.actual, a.actual > 0) AS mape,
    if(sum(a.actual) > 0, (sum(f.expected) - sum(a.actual)) / sum(a.actual), NULL) AS bias
FROM f
LEFT JOIN a ON a.bucket = f.bucket AND a.topic = f.topic AND a.channel = f.channel
GROUP BY topic, channel, horizon
ORDER BY topic, channel, horizon
