-- 0011: scheduled exports. An admin's schedules (what to export, for whom) and the log of
-- every delivery attempt. The log is also what makes a delivery happen once: a (schedule,
-- period, target) with a 'sent' row is never sent again, across restarts.
-- spec: the schedule as JSON (src/lib/server/exports/types.ts); removed: 1 hides it
-- (ReplacingMergeTree keeps the newest version by updated_at).
CREATE TABLE IF NOT EXISTS export_schedules
(
    id         String,
    spec       String,
    removed    UInt8,
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY id;

-- One row per attempt: target is 'folder' or 'email'; result 'sent', 'retry' (4xx or a
-- network failure: tried again later with backoff) or 'failed' (5xx: permanent).
-- recipients are the addresses given by the admin (staff mailboxes, not callers).
CREATE TABLE IF NOT EXISTS export_log
(
    at          DateTime64(3, 'UTC'),
    schedule_id String,
    period      String,
    target      LowCardinality(String),
    file        String,
    recipients  String,
    result      LowCardinality(String),
    attempt     UInt16,
    error       String
)
ENGINE = MergeTree
ORDER BY (schedule_id, period, at);
