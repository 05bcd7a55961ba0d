-- Consultants now: each one's latest state since {since}, counted by site, state, reason
-- and the topics they serve (a few dozen rows for the whole centre).
-- Sources name a consultant's topics (and often the site) only at login, not on every state
-- change: those come from the latest event that named them, not from the latest event.
SELECT site, state, reason, topics, toUInt64(count()) AS agents
FROM
(
    SELECT
        agent,
        argMaxIf(site, ts, site != '')          AS site,
        argMax(state, ts)                       AS state,
        argMax(reason, ts)                      AS reason,
        argMaxIf(topics, ts, notEmpty(topics))  AS topics
    FROM agent_events
    WHERE ts >= {since:DateTime64(3, 'UTC')}
    GROUP BY agent
)
WHERE state != 'logged_out'
GROUP BY site, state, reason, topics
