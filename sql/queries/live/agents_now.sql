-- Consultants now: each one's latest state since {since}, counted by site, state, reason
-- and the topics they serve (a few dozen rows for the whole centre).
SELECT site, state, reason, topics, toUInt64(count()) AS agents
FROM
(
    SELECT agent, argMax(site, ts) AS site, argMax(state, ts) AS state, argMax(reason, ts) AS reason, argMax(topics, ts) AS topics
    FROM agent_events
    WHERE ts >= {since:DateTime64(3, 'UTC')}
    GROUP BY agent
)
WHERE state != 'logged_out'
GROUP BY site, state, reason, topics
