-- Open written work: the one rule behind every figure of it (offered in /api/stats, the
-- report's deadline tables, the live view's open work and its backlogs). An item is a callback
-- asked for, an e-inquiry or an e-mail received in [from, to); it is open while the assembler
-- has not finished it, i.e. while no contact of its id exists (answered, or closed unanswered).
-- The assembler names a contact "<call id>#<queued ms>", a callback's call id being
-- "<requesting call id>#callback". Counted per kind, topic and the centre's date it arrived:
-- deadlines and working-day ages are judged in code (server/written/openWork.ts), which knows
-- the holidays.
SELECT kind, topic, toString(day) AS day, toUInt64(count()) AS open
FROM
(
    SELECT
        if(type = 'callback_requested', concat(call_id, '#callback'), call_id)  AS contact_id,
        if(type = 'callback_requested', 'callback', toString(channel))           AS kind,
        toString(anyIf(topic, topic != ''))                                      AS topic,
        toDate(toTimeZone(min(ts), {tz:String}))                                 AS day
    FROM call_events
    WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
      AND (type = 'callback_requested' OR (type = 'queued' AND channel IN ('einquiry', 'email')))
    GROUP BY contact_id, kind
)
WHERE contact_id NOT IN (
        SELECT arrayStringConcat(arrayPopBack(splitByChar('#', contact_id)), '#') FROM contacts
        WHERE queued_at >= {from:DateTime64(3, 'UTC')} AND queued_at < {to:DateTime64(3, 'UTC')}
          AND channel IN ('callback', 'einquiry', 'email')
    )
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({kind:String} = '' OR kind = {kind:String})
GROUP BY kind, topic, day
