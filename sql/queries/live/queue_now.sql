-- Callers waiting now, per topic (voice): queued since {since} with no answer or exit yet.
-- {since} bounds the scan (callers do not wait hours) and drops calls a PBX restart left open.
-- A caller re-queued (timed out of one queue into another) waits in the queue of his newest
-- entry, from that entry: he has more entries than exits. Counted by event id, so rows not yet
-- merged away (a replayed batch) do not count twice; equal times cannot mislead either (a
-- timeout and the next entry in the same second, or an entry and a hang-up in the same second).
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
        uniqExactIf(event_id, type = 'queued')   AS entries,
        uniqExactIf(event_id, type IN ('answered', 'abandoned', 'timed_out', 'left', 'callback_requested', 'closed_unknown')) AS exits
    FROM call_events
    WHERE ts >= {since:DateTime64(3, 'UTC')}
    GROUP BY call_id
)
WHERE entries > exits AND channel IN ('voice', '')
GROUP BY topic
