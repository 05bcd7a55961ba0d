-- Consultants logged in now, with what the projection's planned breaks need of each
-- (src/lib/server/forecast/breaks.ts): site and topics (from the latest event that named them,
-- as live/agents_now), the current state and reason and since when it holds (the first event of
-- the latest run of the same state and reason, as live/consultants_now: a repeated state does
-- not restart the clock), and today's not-ready spells ({day_start}, the local midnight) in
-- order, each as its start and reason: the breaks already taken.
WITH
    {now:DateTime64(3, 'UTC')} AS now_ts,
    {day_start:DateTime64(3, 'UTC')} AS day_start
-- (The aggregates are named last_*: an alias named as a column would shadow it in groupArrayIf.)
SELECT agent, last_site AS site, last_state AS state, last_reason AS reason, last_topics AS topics, since_ms, spell_ms, spell_reasons
FROM
(
    SELECT
        agent,
        if(countIf(site NOT IN ('', 'unknown')) > 0, argMaxIf(site, ts, site NOT IN ('', 'unknown')), 'unknown') AS last_site,
        argMax(state, ts)                                        AS last_state,
        argMax(reason, ts)                                       AS last_reason,
        argMaxIf(topics, ts, notEmpty(topics))                   AS last_topics,
        toUnixTimestamp64Milli(maxIf(ts, changed))               AS since_ms,
        arraySort(x -> x.1, groupArrayIf((toUnixTimestamp64Milli(ts), reason), changed AND state = 'not_ready' AND ts >= day_start)) AS spells,
        arrayMap(x -> x.1, spells)                               AS spell_ms,
        arrayMap(x -> x.2, spells)                               AS spell_reasons
    FROM
    (
        SELECT
            agent, ts, site, state, reason, topics,
            (state, reason) != lagInFrame((state, reason), 1, ('', '')) OVER w AS changed
        FROM agent_events
        WHERE ts >= {since:DateTime64(3, 'UTC')} AND ts <= now_ts
        WINDOW w AS (PARTITION BY agent ORDER BY ts, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
    )
    GROUP BY agent
)
WHERE last_state != 'logged_out'
