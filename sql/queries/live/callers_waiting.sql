-- Callers waiting now, one by one (the list behind "waiting"), oldest first, at most {limit}:
-- topic, channel, since when, and the wait they were told (the latest announcement after their
-- newest entry). The rules of live/queue_now (newest entry, entries against exits, {since} as
-- the horizon); voice, chat and callbacks being returned. No caller's number: none is stored.
SELECT
    topic,
    channel,
    toUnixTimestamp64Milli(queued_at) AS queued_ms,
    if(announced_at >= queued_at, last_announced_s, NULL) AS announced_s
FROM
(
    SELECT
        call_id,
        argMaxIf(topic, ts, type = 'queued')     AS topic,
        if(argMaxIf(channel, ts, type = 'queued') = '', 'voice', argMaxIf(channel, ts, type = 'queued')) AS channel,
        maxIf(ts, type = 'queued')               AS queued_at,
        argMaxIf(announced_wait_s, ts, type = 'wait_announced' AND announced_wait_s IS NOT NULL) AS last_announced_s,
        maxIf(ts, type = 'wait_announced')       AS announced_at,
        uniqExactIf(event_id, type = 'queued')   AS entries,
        uniqExactIf(event_id, type IN ('answered', 'abandoned', 'timed_out', 'left', 'callback_requested', 'closed_unknown')) AS exits
    FROM call_events
    WHERE ts >= {since:DateTime64(3, 'UTC')}
    GROUP BY call_id
)
WHERE entries > exits AND channel IN ('voice', 'chat', 'callback')
ORDER BY queued_at, call_id
LIMIT {limit:UInt32}
