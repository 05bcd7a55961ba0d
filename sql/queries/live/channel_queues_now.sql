-- Per channel (voice, chat) and topic, now: the contacts waiting and the oldest's entry.
-- Only for the first second after a start: once the EWT service has rebuilt its queues these are
-- its memory (QueueFeed.waitingIn, recentWaits). live/queue_now's rule, to the letter, for chat
-- too: newest entry, entries (once per time) against exits (once per type and time), {since} the
-- wait horizon, a topic named. And the waits of the last contacts answered since {recent_since}
-- (newest first, up to 5): what happens, shown beside the wait callers are told.
-- A wait answered is from the contact's newest entry to its answer, as queue_now counts a
-- re-queued caller's wait.
SELECT
    channel,
    topic,
    toUInt64(countIf(entries > exits))                                                    AS waiting,
    if(countIf(entries > exits) > 0, toUnixTimestamp64Milli(minIf(queued_at, entries > exits)), 0) AS oldest_ms,
    arrayMap(x -> x.2, arraySlice(arrayReverseSort(x -> x.1, groupArrayIf((answered_at, toUInt32(greatest(0, dateDiff('millisecond', queued_at, answered_at)))), answered_at >= {recent_since:DateTime64(3, 'UTC')} AND answered_at >= queued_at)), 1, 5)) AS recent_waits_ms
FROM
(
    SELECT
        call_id,
        argMaxIf(topic, ts, type = 'queued')     AS topic,
        if(argMaxIf(channel, ts, type = 'queued') = '', 'voice', argMaxIf(channel, ts, type = 'queued')) AS channel,
        maxIf(ts, type = 'queued')               AS queued_at,
        maxIf(ts, type = 'answered')             AS answered_at,
        uniqExactIf(ts, type = 'queued')         AS entries,
        uniqExactIf((type, ts), type IN ('answered', 'abandoned', 'timed_out', 'left', 'callback_requested', 'closed_unknown')) AS exits
    FROM call_events
    WHERE ts >= {since:DateTime64(3, 'UTC')}
    GROUP BY call_id
    HAVING entries > 0
)
WHERE channel IN ('voice', 'chat') AND topic != ''
GROUP BY channel, topic
