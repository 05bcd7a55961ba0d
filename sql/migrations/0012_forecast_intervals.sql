-- 0012: each quarter hour's forecast as it was made, kept to be scored against what happened.
-- horizon: 'day' is the forecast made before the day began (history only), '1h' the one made
-- an hour ahead with the day's running ratio. Rows are only ever added: a restart or a second
-- server may store the same interval again, and reads take the earliest made_at per
-- (bucket, topic, channel, horizon), so a forecast once made is never rewritten.

CREATE TABLE IF NOT EXISTS forecast_intervals
(
    bucket    DateTime('UTC'),
    topic     LowCardinality(String),
    channel   LowCardinality(String),
    horizon   LowCardinality(String),
    made_at   DateTime64(3, 'UTC'),
    expected  Float32,
    low       Float32,
    high      Float32
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (bucket, topic, channel, horizon, made_at);
