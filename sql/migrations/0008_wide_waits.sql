-- 0008: waits of months. wait_ms was UInt32, whose largest value is 49.7 days: an e-inquiry
-- answered after 53 days was stored 2^32 ms (49.7 days) short, without a word. Written work and
-- callbacks may now wait up to a year (ingest/parsers/limits.ts), so waits are UInt64. Talk,
-- hold and wrap-up are limited to 7 days by the NDJSON parser, but queue_log, CDR and Genesys
-- values are not, and one value past UInt32 made ClickHouse refuse its whole block: they are
-- widened too (one type for every duration; the rollups' sums were UInt64 already).
-- MODIFY COLUMN keeps every row: old parts are rewritten with the wider type.

ALTER TABLE contacts
    MODIFY COLUMN IF EXISTS wait_ms UInt64,
    MODIFY COLUMN IF EXISTS talk_ms UInt64,
    MODIFY COLUMN IF EXISTS hold_ms UInt64,
    MODIFY COLUMN IF EXISTS wrap_ms UInt64;

ALTER TABLE call_events
    MODIFY COLUMN IF EXISTS wait_ms UInt64,
    MODIFY COLUMN IF EXISTS talk_ms UInt64,
    MODIFY COLUMN IF EXISTS hold_ms UInt64,
    MODIFY COLUMN IF EXISTS wrap_ms UInt64;

-- The rollups' longest wait. Their views keep their SELECT (max(wait_ms)), whose type follows
-- the widened contacts column.
ALTER TABLE contacts_15m MODIFY COLUMN IF EXISTS max_wait_ms SimpleAggregateFunction(max, UInt64);
ALTER TABLE contacts_1h MODIFY COLUMN IF EXISTS max_wait_ms SimpleAggregateFunction(max, UInt64);

-- :TRICKY: ClickHouse cannot convert an aggregate state from UInt32 to UInt64, and the view's
-- quantilesTDigestState(wait_ms) now makes UInt64 states, which do not fit the old column's
-- type. The column is made again with the new type: its
-- old sketches are dropped. No query has ever read them (the figures come from the sums and
-- max above, which are kept); a reader that needs quantiles before 0008 can refill them from
-- contacts. Renaming the old column aside instead would not survive running this file twice.
ALTER TABLE contacts_15m DROP COLUMN IF EXISTS wait_quantiles;
ALTER TABLE contacts_15m ADD COLUMN IF NOT EXISTS wait_quantiles AggregateFunction(quantilesTDigest(0.5, 0.9), UInt64);
