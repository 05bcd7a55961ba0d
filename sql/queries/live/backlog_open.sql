-- Open written work: callbacks asked for and not yet made, e-inquiries received and not yet
-- answered, counted by the centre's date they arrived (working-day ages are computed in code,
-- which knows the holidays).
SELECT kind, toString(day) AS day, toUInt64(count()) AS open
FROM
(
    SELECT
        call_id,
        if(countIf(type = 'callback_requested') > 0, 'callback', 'einquiry') AS kind,
        toDate(toTimeZone(min(ts), {tz:String})) AS day,
        countIf(type = 'callback_requested') AS asked,
        countIf(type = 'callback_completed') AS called_back,
        countIf(type = 'queued' AND channel = 'einquiry') AS received,
        countIf(type = 'answered' AND channel = 'einquiry') AS answered
    FROM call_events
    WHERE ts >= {since:DateTime64(3, 'UTC')}
      AND (type IN ('callback_requested', 'callback_completed') OR channel = 'einquiry')
    GROUP BY call_id
)
WHERE (asked > 0 AND called_back = 0) OR (received > 0 AND answered = 0)
GROUP BY kind, day
