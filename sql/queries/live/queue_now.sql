-- Callers waiting now, per topic (voice): queued since {since} with no answer or exit yet.
-- {since} bounds the scan (callers do not wait hours) and drops calls a PBX restart left open.
SELECT
    topic,
    toUInt64(count())                            AS waiting,
    toUnixTimestamp64Milli(min(queued_at))       AS oldest_ms
FROM
(
    SELECT
        call_id,
        anyIf(topic, type = 'queued')            AS topic,
        anyIf(channel, type = 'queued')          AS channel,
        minIf(ts, type = 'queued')               AS queued_at,
        countIf(type = 'queued')                 AS entries,
        countIf(type IN ('answered', 'abandoned', 'timed_out', 'left', 'callback_requested', 'closed_unknown')) AS exits
    FROM call_events
    WHERE ts >= {since:DateTime64(3, 'UTC')}
    GROUP BY call_id
)
WHERE entries > 0 AND exits = 0 AND channel IN ('voice', '')
GROUP BY topic
