-- 0008: waits of months. wait_ms was UInt32, whose largest value is 49.7 days: an e-inquiry
-- answered after 53 days was stored 2^32 ms (49.7 days) short, without a word. Written work and
-- callbacks may now wait up to a year (ingest/parsers/limits.ts), so waits are UInt64. Talk,
-- hold and wrap-up are limited to 7 days by the NDJSON parser, but queue_log, CDR and Genesys
-- values are not, and one value past UInt32 made ClickHouse refuse its whole block: they are
-- widened too (one type for every duration; the rollups' sums were UInt64 already).
-- MODIFY COLUMN keeps every row: old parts are rewritten with the wider type.

ALTER TABLE contacts
    MODIFY COLUMN wait_ms UInt64,
    MODIFY COLUMN talk_ms UInt64,
    MODIFY COLUMN hold_ms UInt64,
    MODIFY COLUMN wrap_ms UInt64;

ALTER TABLE call_events
    MODIFY COLUMN wait_ms UInt64,
    MODIFY COLUMN talk_ms UInt64,
    MODIFY COLUMN hold_ms UInt64,
    MODIFY COLUMN wrap_ms UInt64;

-- The rollups' longest wait. Their views keep their SELECT (max(wait_ms)), whose type follows
-- the widened contacts column.
ALTER TABLE contacts_15m MODIFY COLUMN max_wait_ms SimpleAggregateFunction(max, UInt64);
ALTER TABLE contacts_1h MODIFY COLUMN max_wait_ms SimpleAggregateFunction(max, UInt64);

-- :TRICKY: ClickHouse cannot convert an aggregate state from UInt32 to UInt64, and the view's
-- quantilesTDigestState(wait_ms) now makes UInt64 states. The old states are kept under
-- another name (no query reads either column yet; one that does must merge both, or refill
-- from contacts), and the column the view writes takes the new type.
ALTER TABLE contacts_15m RENAME COLUMN wait_quantiles TO wait_quantiles_until_0008;
ALTER TABLE contacts_15m ADD COLUMN wait_quantiles AggregateFunction(quantilesTDigest(0.5, 0.9), UInt64);
