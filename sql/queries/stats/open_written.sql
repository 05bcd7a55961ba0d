-- Written work that arrived in [from, to) and is still open (a callback not yet made, an
-- e-inquiry not yet answered), per channel and topic: offered counts it (metrics/definitions.ts),
-- as the report's deadline tables do. Open work exists only as call events; it is open while
-- no contact of its id exists (the assembler names a contact "<call id>#<queued ms>", a
-- callback's call id being "<requesting call id>#callback"), as in reports/written_work.sql.
SELECT channel, topic, toUInt64(count()) AS open
FROM
(
    SELECT
        if(type = 'callback_requested', concat(call_id, '#callback'), call_id)  AS contact_id,
        if(type = 'callback_requested', 'callback', 'einquiry')                 AS channel,
        toString(anyIf(topic, topic != ''))                                      AS topic
    FROM call_events
    WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
      AND (type = 'callback_requested' OR (type = 'queued' AND channel = 'einquiry'))
    GROUP BY contact_id, channel
)
WHERE contact_id NOT IN (
        SELECT arrayStringConcat(arrayPopBack(splitByChar('#', contact_id)), '#') FROM contacts
        WHERE queued_at >= {from:DateTime64(3, 'UTC')} AND queued_at < {to:DateTime64(3, 'UTC')}
          AND channel IN ('callback', 'einquiry')
    )
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({channel:String} = '' OR channel = {channel:String})
GROUP BY channel, topic
