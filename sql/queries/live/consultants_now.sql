-- Consultants one by one (the supervisor's list): everyone with a state since {since} who is
-- logged in now or was logged in at some time today ({day_start}, the centre's midnight).
-- Per consultant: the latest state and reason, since when it holds (the first event of the
-- latest run of the same state and reason: a source that repeats a state does not restart the
-- clock), the topics and site from the latest event that named them (sources name them only at
-- login; see agents_now for "unknown"), time today in each kind of state (for occupancy), the topic of the call being served,
-- and today's answered calls with their handling time (AHT), and today's not-ready spells in
-- order (each as its start and reason: the breaks already taken, which the forecast's planned
-- breaks read, forecast/breaks.ts).
-- Rows not yet merged away (a replayed batch) are harmless: a repeated event is not a change of
-- state and lasts 0 ms.
WITH
    {now:DateTime64(3, 'UTC')} AS now_ts,
    {day_start:DateTime64(3, 'UTC')} AS day_start
SELECT
    s.agent                                  AS agent,
    s.last_site                              AS site,
    s.last_state                             AS state,
    s.last_reason                            AS reason,
    s.last_topics                            AS topics,
    s.since_ms                               AS since_ms,
    s.busy_ms                                AS busy_ms,
    s.idle_ms                                AS idle_ms,
    ifNull(c.topic, '')                      AS call_topic,
    toUInt64(ifNull(h.handled, 0))           AS handled,
    toUInt64(ifNull(h.handling_ms, 0))       AS handling_ms,
    arrayMap(x -> x.1, s.spells)             AS spell_ms,
    arrayMap(x -> x.2, s.spells)             AS spell_reasons
FROM
(
    SELECT
        agent,
        argMaxIf(site, ts, site NOT IN ('', 'unknown'))           AS last_site,
        argMax(state, ts)                                         AS last_state,
        argMax(reason, ts)                                        AS last_reason,
        argMaxIf(topics, ts, notEmpty(topics))                    AS last_topics,
        toUnixTimestamp64Milli(maxIf(ts, changed))                AS since_ms,
        toUInt64(sumIf(span_ms, state IN ('on_call', 'wrap_up'))) AS busy_ms,
        toUInt64(sumIf(span_ms, state = 'available'))             AS idle_ms,
        arraySort(x -> x.1, groupArrayIf((toUnixTimestamp64Milli(ts), reason), changed AND state = 'not_ready' AND ts >= day_start)) AS spells,
        max(ts)                                                   AS last_ts
    FROM
    (
        SELECT
            agent, ts, site, state, reason, topics,
            (state, reason) != lagInFrame((state, reason), 1, ('', '')) OVER w AS changed,
            -- the part of [ts, next event) that falls today, up to now
            greatest(0, dateDiff('millisecond', greatest(ts, day_start), least(leadInFrame(ts, 1, now_ts) OVER w, now_ts))) AS span_ms
        FROM agent_events
        WHERE ts >= {since:DateTime64(3, 'UTC')} AND ts <= now_ts
        WINDOW w AS (PARTITION BY agent ORDER BY ts, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
    )
    GROUP BY agent
    HAVING last_state != 'logged_out' OR last_ts >= day_start
) AS s
LEFT JOIN
(
    -- the call each consultant answered last (voice or chat), with its topic, while not ended
    SELECT agent, argMax(topic, answered_at) AS topic
    FROM
    (
        SELECT
            call_id,
            argMaxIf(agent, ts, type = 'answered') AS agent,
            argMaxIf(topic, ts, type = 'queued')   AS topic,
            maxIf(ts, type = 'answered')           AS answered_at,
            countIf(type IN ('ended', 'wrapup_ended')) AS ended
        FROM call_events
        WHERE ts >= day_start AND ts <= now_ts AND type IN ('queued', 'answered', 'ended', 'wrapup_ended')
        GROUP BY call_id
        HAVING countIf(type = 'answered') > 0
    )
    WHERE ended = 0 AND agent != ''
    GROUP BY agent
) AS c ON c.agent = s.agent
LEFT JOIN
(
    SELECT agent, count() AS handled, sum(talk_ms + hold_ms + wrap_ms) AS handling_ms
    FROM contacts FINAL
    WHERE queued_at >= day_start AND outcome = 'answered' AND channel = 'voice' AND agent != ''
    GROUP BY agent
) AS h ON h.agent = s.agent
ORDER BY s.last_site, s.agent
SETTINGS join_use_nulls = 1
