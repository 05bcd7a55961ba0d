-- Open written work now, by channel and the centre's date it arrived: callbacks asked for and
-- not yet made, e-inquiries and e-mails received and not yet answered (working-day ages and
-- deadlines are computed in code, which knows the holidays). Read once a tick for the boards'
-- backlogs (callbacks and e-inquiries) and the supervisor's written queues (live/written.ts).
SELECT kind, toString(day) AS day, toUInt64(count()) AS open
FROM
(
    SELECT
        call_id,
        multiIf(countIf(type = 'callback_requested') > 0, 'callback', anyIf(channel, type = 'queued')) AS kind,
        toDate(toTimeZone(min(ts), {tz:String})) AS day,
        countIf(type = 'callback_requested') AS asked,
        countIf(type = 'callback_completed') AS called_back,
        countIf(type = 'queued' AND channel IN ('einquiry', 'email')) AS received,
        countIf(type = 'answered' AND channel IN ('einquiry', 'email')) AS answered
    FROM call_events
    WHERE ts >= {since:DateTime64(3, 'UTC')}
      AND (type IN ('callback_requested', 'callback_completed') OR channel IN ('einquiry', 'email'))
    GROUP BY call_id
)
WHERE (asked > 0 AND called_back = 0) OR (received > 0 AND answered = 0)
GROUP BY kind, day
