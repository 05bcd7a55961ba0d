-- Tests: raw row counts of every ingest table (no FINAL: duplicates would show).
SELECT
    (SELECT toUInt64(count()) FROM call_events)      AS call_events,
    (SELECT toUInt64(count()) FROM agent_events)     AS agent_events,
    (SELECT toUInt64(count()) FROM contacts)         AS contacts,
    (SELECT toUInt64(sum(offered)) FROM contacts_15m) AS rollup_offered,
    (SELECT toUInt64(sum(answered)) FROM contacts_15m) AS rollup_answered,
    (SELECT toUInt64(sum(talk_ms)) FROM contacts_15m) AS rollup_talk_ms,
    (SELECT toUInt64(sum(offered)) FROM contacts_1h)  AS rollup_1h_offered,
    (SELECT toUInt64(sum(count)) FROM rejected_records) AS rejected
