-- 0010: alerts (src/lib/server/alerts). The alert log keeps each alert's start, acknowledgement
-- and end, one row per transition: a write retried after a failure replaces its own row rather
-- than adding one. Rule sets saved by an administrator in the UI are kept whole, newest wins,
-- so the history of who changed a threshold and when stays readable.

CREATE TABLE IF NOT EXISTS alert_log
(
    alert_id    String,
    rule_id     String,
    scope       LowCardinality(String),
    figure      LowCardinality(String),
    transition  LowCardinality(String),
    at          DateTime64(3, 'UTC'),
    value       Float64,
    threshold   Float64,
    by_whom     String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (alert_id, transition)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS alert_rule_sets
(
    saved_at DateTime64(3, 'UTC'),
    saved_by String,
    rules    String
)
ENGINE = MergeTree
ORDER BY saved_at;
