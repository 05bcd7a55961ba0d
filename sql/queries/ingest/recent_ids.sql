-- What one stream stored lately, newest first, keyed as the pipeline keys what it has seen
-- (ingest/pipeline.ts #take): event ids, and contact id + outcome for whole contact records.
-- A stream's pipeline reads it when it opens, so a webhook redelivering events after a
-- restart is recognised even when the calls they belong to completed long before.
SELECT key FROM
(
    SELECT event_id AS key, ts AS at FROM call_events
    WHERE ts >= {since:DateTime64(3, 'UTC')} AND source = {source:String}
    UNION ALL
    SELECT event_id AS key, ts AS at FROM agent_events
    WHERE ts >= {since:DateTime64(3, 'UTC')} AND source = {source:String}
    UNION ALL
    SELECT concat(contact_id, ':', outcome) AS key, ended_at AS at FROM contacts
    WHERE ended_at >= {since:DateTime64(3, 'UTC')} AND source = {source:String}
)
ORDER BY at DESC
LIMIT {limit:UInt32}
