-- Callers waiting now, one by one (the list behind "waiting"), oldest first, at most {limit}:
-- topic, channel, since when, and the wait they were told (the latest announcement after their
-- newest entry). Only for the first second after a start: once the EWT service has rebuilt its
-- queues the list is its memory (QueueFeed.waitingCallers). live/queue_now's rule, to the letter:
-- newest entry, entries (once per time) against exits (once per type and time), {since} the
-- wait horizon, voice and chat, a topic named. No caller's number: none is stored.
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
        uniqExactIf(ts, type = 'queued')         AS entries,
        uniqExactIf((type, ts), type IN ('answered', 'abandoned', 'timed_out', 'left', 'callback_requested', 'closed_unknown')) AS exits
    FROM call_events
    WHERE ts >= {since:DateTime64(3, 'UTC')}
    GROUP BY call_id
)
WHERE entries > exits AND channel IN ('voice', 'chat') AND topic != ''
ORDER BY queued_at, call_id
LIMIT {limit:UInt32}
