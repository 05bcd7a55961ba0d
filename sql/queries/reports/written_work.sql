-- Callbacks and e-inquiries that arrived in a month (queued_at in [from, to), the month's UTC
-- bounds), one row each, for the deadline figures. Deadlines are in working days, so they are
-- judged in code, which knows the holidays.
-- Finished ones are contacts (answered, or closed unanswered); those still open exist only as
-- call events (a callback request; an e-inquiry received): both are listed, the open ones with
-- outcome 'open'. due_ms is the deadline stored at ingest (null when the source gave none).
SELECT
    toString(channel)                                          AS kind,
    toString(topic)                                            AS topic,
    toUnixTimestamp64Milli(queued_at)                          AS queued_ms,
    if(outcome = 'answered', toUnixTimestamp64Milli(assumeNotNull(answered_at)), NULL) AS answered_ms,
    if(isNull(due_at), NULL, toUnixTimestamp64Milli(assumeNotNull(due_at))) AS due_ms,
    toString(outcome)                                          AS outcome
FROM contacts FINAL
WHERE queued_at >= {from:DateTime64(3, 'UTC')} AND queued_at < {to:DateTime64(3, 'UTC')}
  AND channel IN ('callback', 'einquiry')
  AND ({topic:String} = '' OR topic = {topic:String})
UNION ALL
SELECT kind, topic, queued_ms, CAST(NULL AS Nullable(Int64)), CAST(NULL AS Nullable(Int64)), 'open'
FROM
(
    -- The assembler names a contact "<call id>#<queued ms>", a callback's call id being
    -- "<requesting call id>#callback"; the open ones are those with no such contact.
    SELECT
        if(type = 'callback_requested', concat(call_id, '#callback'), call_id)         AS contact_id,
        if(type = 'callback_requested', 'callback', 'einquiry')                        AS kind,
        toString(anyIf(topic, topic != ''))                                             AS topic,
        toUnixTimestamp64Milli(min(ts))                                                 AS queued_ms
    FROM call_events
    WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
      AND (type = 'callback_requested' OR (type = 'queued' AND channel = 'einquiry'))
    GROUP BY contact_id, kind
)
WHERE contact_id NOT IN (
        SELECT arrayStringConcat(arrayPopBack(splitByChar('#', contact_id)), '#') FROM contacts
        WHERE queued_at >= {from:DateTime64(3, 'UTC')} AND queued_at < {to:DateTime64(3, 'UTC')}
          AND channel IN ('callback', 'einquiry')
    )
  AND ({topic:String} = '' OR topic = {topic:String})
