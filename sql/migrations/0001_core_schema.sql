-- 0001: the first schema. Raw events as received, assembled contacts, 15-minute rollups,
-- rejected records, ingest checkpoints.
-- Every table that receives batches keeps a deduplication window: on a single node it
-- defaults to 0, and then a retried insert with the same insert_deduplication_token would be
-- stored twice. Materialized-view targets need it too, or the view counts a retry again.

-- Call lifecycle events exactly as received (after parsing into the canonical shape).
-- type: queued, answered, ended, wrapup_ended, abandoned, timed_out, left, callback_requested,
--       callback_completed, wait_announced, closed_unknown
CREATE TABLE IF NOT EXISTS call_events
(
    event_id         String,
    ts               DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
    call_id          String,
    type             LowCardinality(String),
    channel          LowCardinality(String),
    topic            LowCardinality(String),
    site             LowCardinality(String),
    agent            LowCardinality(String),
    -- durations in milliseconds; 0 when the event does not carry them
    wait_ms          UInt32,
    talk_ms          UInt32,
    hold_ms          UInt32,
    wrap_ms          UInt32,
    -- wait announced to the caller (wait_announced events), seconds, and how it was estimated
    announced_wait_s Nullable(UInt32),
    estimate_method  LowCardinality(String),
    reason           String,
    source           LowCardinality(String),
    simulated        UInt8,
    ingested_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (toStartOfHour(ts), call_id, event_id)
SETTINGS non_replicated_deduplication_window = 10000;

-- Consultant state changes.
-- state: logged_in, logged_out, available, on_call, wrap_up, not_ready
CREATE TABLE IF NOT EXISTS agent_events
(
    event_id    String,
    ts          DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
    agent       LowCardinality(String),
    site        LowCardinality(String),
    state       LowCardinality(String),
    reason      LowCardinality(String),
    topics      Array(LowCardinality(String)),
    source      LowCardinality(String),
    simulated   UInt8,
    ingested_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (site, agent, ts, event_id)
SETTINGS non_replicated_deduplication_window = 10000;

-- One row per finished contact: a call, chat, callback, e-inquiry or e-mail.
-- outcome: answered, abandoned, timed_out, left, callback_requested, unknown (left open by a
--          PBX restart), for written channels: answered. The thresholds in force when the row
--          was assembled are kept with it, so later configuration changes never rewrite history.
CREATE TABLE IF NOT EXISTS contacts
(
    contact_id        String,
    channel           LowCardinality(String),
    topic             LowCardinality(String),
    site              LowCardinality(String),
    agent             LowCardinality(String),
    queued_at         DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
    answered_at       Nullable(DateTime64(3, 'UTC')),
    ended_at          DateTime64(3, 'UTC'),
    due_at            Nullable(DateTime64(3, 'UTC')),
    outcome           LowCardinality(String),
    wait_ms           UInt32,
    talk_ms           UInt32,
    hold_ms           UInt32,
    wrap_ms           UInt32,
    announced_wait_s  Nullable(UInt32),
    sl_target_s       UInt16,
    short_abandon_s   UInt16,
    in_service_level  UInt8,
    short_abandon     UInt8,
    source            LowCardinality(String),
    simulated         UInt8,
    ingested_at       DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(queued_at)
ORDER BY (toStartOfHour(queued_at), topic, site, channel, contact_id)
SETTINGS non_replicated_deduplication_window = 10000;

-- 15-minute rollup by topic × site × channel, bucketed by the time the contact was queued.
-- Vilnius is a whole-hour offset from UTC, so UTC quarter hours are local quarter hours.
CREATE TABLE IF NOT EXISTS contacts_15m
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
    timed_out             SimpleAggregateFunction(sum, UInt64),
    left_queue            SimpleAggregateFunction(sum, UInt64),
    callback_requested    SimpleAggregateFunction(sum, UInt64),
    unknown_outcome       SimpleAggregateFunction(sum, UInt64),
    answered_in_sl        SimpleAggregateFunction(sum, UInt64),
    wait_answered_ms      SimpleAggregateFunction(sum, UInt64),
    wait_all_ms           SimpleAggregateFunction(sum, UInt64),
    talk_ms               SimpleAggregateFunction(sum, UInt64),
    hold_ms               SimpleAggregateFunction(sum, UInt64),
    wrap_ms               SimpleAggregateFunction(sum, UInt64),
    max_wait_ms           SimpleAggregateFunction(max, UInt32),
    wait_quantiles        AggregateFunction(quantilesTDigest(0.5, 0.9), UInt32)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(bucket)
ORDER BY (bucket, topic, site, channel, simulated)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_15m_mv TO contacts_15m AS
SELECT
    toStartOfFifteenMinutes(queued_at)                         AS bucket,
    topic, site, channel, simulated,
    toUInt64(count())                                          AS offered,
    toUInt64(countIf(outcome = 'answered'))                    AS answered,
    toUInt64(countIf(outcome = 'abandoned'))                   AS abandoned,
    toUInt64(countIf(outcome = 'abandoned' AND short_abandon)) AS short_abandoned,
    toUInt64(countIf(outcome = 'timed_out'))                   AS timed_out,
    toUInt64(countIf(outcome = 'left'))                        AS left_queue,
    toUInt64(countIf(outcome = 'callback_requested'))          AS callback_requested,
    toUInt64(countIf(outcome = 'unknown'))                     AS unknown_outcome,
    toUInt64(countIf(outcome = 'answered' AND in_service_level)) AS answered_in_sl,
    toUInt64(sumIf(wait_ms, outcome = 'answered'))             AS wait_answered_ms,
    toUInt64(sum(wait_ms))                                     AS wait_all_ms,
    toUInt64(sum(talk_ms))                                     AS talk_ms,
    toUInt64(sum(hold_ms))                                     AS hold_ms,
    toUInt64(sum(wrap_ms))                                     AS wrap_ms,
    max(wait_ms)                                               AS max_wait_ms,
    quantilesTDigestState(0.5, 0.9)(wait_ms)                   AS wait_quantiles
FROM contacts
GROUP BY bucket, topic, site, channel, simulated;

-- Input that could not be ingested, kept with its reason so nothing is lost silently.
CREATE TABLE IF NOT EXISTS rejected_records
(
    received_at DateTime64(3, 'UTC'),
    source      LowCardinality(String),
    format      LowCardinality(String),
    position    String,
    reason      String,
    raw         String CODEC(ZSTD)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (received_at, source)
SETTINGS non_replicated_deduplication_window = 10000;

-- Where each ingest source stands: the committed position, the assembler's open calls, and
-- the batch being written (so a restart after a crash redoes exactly that batch).
CREATE TABLE IF NOT EXISTS ingest_checkpoints
(
    source_id  String,
    position   String,
    state      String CODEC(ZSTD),
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY source_id;
