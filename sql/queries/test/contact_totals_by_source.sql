-- Tests: per-source contact totals from the raw contacts table (deduplicated with FINAL).
SELECT
    source,
    toUInt64(count())                        AS offered,
    toUInt64(countIf(outcome = 'answered'))  AS answered,
    toUInt64(countIf(outcome = 'abandoned')) AS abandoned,
    toUInt64(countIf(short_abandon = 1))     AS short_abandoned,
    toUInt64(countIf(outcome = 'unknown'))   AS unknown,
    toUInt64(sum(talk_ms))                   AS talk_ms,
    toUInt64(sum(hold_ms))                   AS hold_ms,
    toUInt64(sum(wrap_ms))                   AS wrap_ms,
    toUInt64(sumIf(wait_ms, outcome = 'answered'))  AS wait_answered_ms,
    toUInt64(sumIf(wait_ms, outcome = 'abandoned')) AS wait_abandoned_ms,
    toUInt64(count()) - toUInt64(uniqExact(contact_id)) AS duplicate_ids
FROM contacts FINAL
GROUP BY source
ORDER BY source
