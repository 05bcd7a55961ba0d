-- 0005: every wait estimate computed for an arriving caller (shadow mode), one row per
-- estimator, kept so accuracy is measured on what then happened to that caller (contacts).
-- contact_id is the assembler's id of the contact the caller's queue entry became, so the
-- outcome joins without guessing. A restart or a second server recomputes the same caller's
-- estimates: ReplacingMergeTree keeps one row per (contact, method), and reads take FINAL.
-- estimate_s is NULL when the estimator had nothing to go on (the caller is told no number).

CREATE TABLE IF NOT EXISTS ewt_estimates
(
    estimated_at   DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
    contact_id     String,
    channel        LowCardinality(String),
    topic          LowCardinality(String),
    method         LowCardinality(String),
    estimate_s     Nullable(Float32),
    -- what the estimate rested on: idle, erlangA, lastToEnterService, headOfLine, centreRule
    basis          LowCardinality(String),
    ahead          UInt32,
    agents_serving UInt16,
    -- 1 for the estimator that was configured to be announced when the caller arrived
    announced      UInt8,
    simulated      UInt8,
    stored_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(stored_at)
PARTITION BY toYYYYMM(estimated_at)
ORDER BY (toStartOfHour(estimated_at), topic, contact_id, method)
SETTINGS non_replicated_deduplication_window = 10000;
