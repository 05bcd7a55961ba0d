-- 0003: an hourly rollup for the long trends (years, months): a quarter of the 15-minute
-- rollup's rows, so the dashboard's all-history charts stay fast over ten years.
-- :TRICKY: hours are UTC hours. They are the centre's local hours because Europe/Vilnius is
-- a whole-hour offset from UTC; a zone like +05:45 would need the 15-minute rollup instead.
-- Filled by its own view from new contacts, and once from the 15-minute rollup for what is
-- already there (migrations run before ingest starts, so nothing is counted twice).

CREATE TABLE IF NOT EXISTS contacts_1h
(
    bucket                DateTime('UTC'),
    topic                 LowCardinality(String),
    site                  LowCardinality(String),
    channel               LowCardinality(String),
    simulated             UInt8,
    offered               SimpleAggregateFunction(sum, UInt64),
    answered              SimpleAggregateFunction(sum, UInt64),
    abandoned             SimpleAggregateFunction(sum, UInt64),
    short_abandoned       SimpleAggregateFunction(sum, UInt64),
    answered_in_sl        SimpleAggregateFunction(sum, UInt64),
    wait_answered_ms      SimpleAggregateFunction(sum, UInt64),
    wait_all_ms           SimpleAggregateFunction(sum, UInt64),
    talk_ms               SimpleAggregateFunction(sum, UInt64),
    hold_ms               SimpleAggregateFunction(sum, UInt64),
    wrap_ms               SimpleAggregateFunction(sum, UInt64),
    max_wait_ms           SimpleAggregateFunction(max, UInt32)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(bucket)
ORDER BY (bucket, topic, site, channel, simulated)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_1h_mv TO contacts_1h AS
SELECT
    toStartOfHour(queued_at)                                   AS bucket,
    topic, site, channel, simulated,
    toUInt64(count())                                          AS offered,
    toUInt64(countIf(outcome = 'answered'))                    AS answered,
    toUInt64(countIf(outcome = 'abandoned'))                   AS abandoned,
    toUInt64(countIf(outcome = 'abandoned' AND short_abandon)) AS short_abandoned,
    toUInt64(countIf(outcome = 'answered' AND in_service_level)) AS answered_in_sl,
    toUInt64(sumIf(wait_ms, outcome = 'answered'))             AS wait_answered_ms,
    toUInt64(sum(wait_ms))                                     AS wait_all_ms,
    toUInt64(sum(talk_ms))                                     AS talk_ms,
    toUInt64(sum(hold_ms))                                     AS hold_ms,
    toUInt64(sum(wrap_ms))                                     AS wrap_ms,
    max(wait_ms)                                               AS max_wait_ms
FROM contacts
GROUP BY bucket, topic, site, channel, simulated;

-- Once, for the contacts already rolled up (guarded: only while contacts_1h is empty).
INSERT INTO contacts_1h
SELECT
    toStartOfHour(bucket) AS hour_bucket, topic, site, channel, simulated,
    sum(offered), sum(answered), sum(abandoned), sum(short_abandoned), sum(answered_in_sl),
    sum(wait_answered_ms), sum(wait_all_ms), sum(talk_ms), sum(hold_ms), sum(wrap_ms), max(max_wait_ms)
FROM contacts_15m
WHERE (SELECT count() FROM contacts_1h) = 0
GROUP BY hour_bucket, topic, site, channel, simulated;
