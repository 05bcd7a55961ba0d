-- Consultants now: each one's latest state since {since} and up to {now}, counted by site,
-- state, reason and the topics they serve (a few dozen rows for the whole centre). As
-- live/consultants_now, whose rows the boards count by the same rule (live/consultants.ts
-- agentsOf): an event stamped after now (a source's clock ahead) counts from its time.
-- Sources name a consultant's topics (and often the site) only at login, not on every state
-- change: those come from the latest event that named them, not from the latest event. An event
-- without a site is stored with the agent's configured site, "unknown" for an agent the
-- configuration does not place: that is no site named, or a consultant who named his site at
-- login would move to "unknown" at his next change of state.
SELECT site, state, reason, topics, toUInt64(count()) AS agents
FROM
(
    SELECT
        agent,
        if(countIf(site NOT IN ('', 'unknown')) > 0, argMaxIf(site, ts, site NOT IN ('', 'unknown')), 'unknown') AS site,
        argMax(state, ts)                       AS state,
        argMax(reason, ts)                      AS reason,
        argMaxIf(topics, ts, notEmpty(topics))  AS topics
    FROM agent_events
    WHERE ts >= {since:DateTime64(3, 'UTC')} AND ts <= {now:DateTime64(3, 'UTC')}
    GROUP BY agent
)
WHERE state != 'logged_out'
GROUP BY site, state, reason, topics
