-- 0009: rejected records grouped by what was wrong. `reason` becomes a class, a stable key
-- (ingest/parsers/rejectReasons.ts; its words in src/lib/i18n/admin.ts), and the specifics
-- with the value move to `detail`: grouped by the whole sentence, every distinct value was
-- its own group. `count` is how many records a row stands for: 1, or for the summary row of a
-- batch that rejected more than ingest/rejectedBatch.ts keeps one by one, the rest of its class.
-- Rows stored before keep their words as the detail, under the class `legacy`.

ALTER TABLE rejected_records
    ADD COLUMN IF NOT EXISTS detail String DEFAULT '' CODEC(ZSTD),
    ADD COLUMN IF NOT EXISTS count UInt32 DEFAULT 1;

ALTER TABLE rejected_records UPDATE detail = reason, reason = 'legacy' WHERE detail = ''
SETTINGS mutations_sync = 1;

-- Rejected records are operational, not history: kept 90 days by default. The server sets
-- the configured retention (ingest.rejectedRetentionDays) at start (ingest/rejectedRetention.ts).
ALTER TABLE rejected_records MODIFY TTL toDateTime(received_at) + INTERVAL 90 DAY;
