-- 0004: closed months' reports, frozen. Each (month, filter) has numbered revisions; a
-- recalculation that changes anything is a new revision listing what changed, and no revision
-- is ever replaced (the revision is in the sorting key, so ReplacingMergeTree only collapses a
-- retried insert of the very same revision).
-- report: the MonthlyReport as JSON (src/lib/server/reports/types.ts), figures and definitions
-- as they were; changes: how many figures differ from the revision before.
CREATE TABLE IF NOT EXISTS monthly_reports
(
    month               String,
    filter_key          String,
    revision            UInt32,
    definitions_version String,
    generated_at        DateTime64(3, 'UTC'),
    stored_at           DateTime64(3, 'UTC'),
    reason              LowCardinality(String),
    changes             UInt32,
    report              String CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree
ORDER BY (month, filter_key, revision)
SETTINGS non_replicated_deduplication_window = 1000;
