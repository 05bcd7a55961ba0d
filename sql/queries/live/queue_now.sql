-- Callers waiting now, per topic (voice), by the one rule of src/lib/server/ewt/queueFeed.ts (the
-- live boards read the EWT service's queues; this query is for when no service runs or it has
-- not rebuilt them yet): a caller waits while his call has more queue entries than exits, in the
-- queue of his newest entry, from that entry. {since} is now minus the wait horizon (an hour): a
-- caller still "waiting" after it lost his exit. Counting, not ordering, so events at the same
-- instant (queued and answered together, a timeout and the next entry) cannot mislead. An entry
-- counts once per time and an exit once per type and time, so an event stored twice (a replayed
-- batch, a re-read file, an id scheme that changed) does not count twice.
SELECT
    topic,
    toUInt64(count())                            AS waiting,
    toUnixTimestamp64Milli(min(queued_at))       AS oldest_ms
FROM
(
    SELECT
        call_id,
        argMaxIf(topic, ts, type = 'queued')     AS topic,
        argMaxIf(channel, ts, type = 'queued')   AS channel,
        maxIf(ts, type = 'queued')               AS queued_at,
        uniqExactIf(ts, type = 'queued')         AS entries,
        uniqExactIf((type, ts), type IN ('answered', 'abandoned', 'timed_out', 'left', 'callback_requested', 'closed_unknown')) AS exits
    FROM call_events
    WHERE ts >= {since:DateTime64(3, 'UTC')}
    GROUP BY call_id
)
WHERE entries > exits AND channel IN ('voice', '') AND topic != ''
GROUP BY topic
