-- Period sums over the last 15 and 60 minutes (voice), from raw contacts: a rolling window
-- does not fall on the rollup's quarter hours. Each contact counts in every window it is in.
SELECT
    win,
    if(grouping(topic) = 0, topic, '') AS topic_key,
    if(grouping(site) = 0, site, '')   AS site_key,
    toUInt64(count())                                          AS offered,
    toUInt64(countIf(outcome = 'answered'))                    AS answered,
    toUInt64(countIf(outcome = 'abandoned'))                   AS abandoned,
    toUInt64(countIf(outcome = 'abandoned' AND short_abandon)) AS short_abandoned,
    toUInt64(countIf(outcome = 'answered' AND in_service_level)) AS answered_in_sl,
    toUInt64(sumIf(wait_ms, outcome = 'answered'))             AS wait_answered_ms,
    toUInt64(sum(wait_ms))                                     AS wait_all_ms,
    toUInt64(sum(talk_ms))                                     AS talk_ms,
    toUInt64(sum(hold_ms))                                     AS hold_ms,
    toUInt64(sum(wrap_ms))                                     AS wrap_ms,
    toUInt64(max(wait_ms))                                     AS max_wait_ms,
    grouping(topic)                                            AS all_topics,
    grouping(site)                                             AS all_sites
FROM
(
    SELECT *, arrayJoin(if(queued_at >= {from15:DateTime64(3, 'UTC')}, [15, 60], [60])) AS win
    FROM contacts FINAL
    WHERE queued_at >= {from60:DateTime64(3, 'UTC')} AND channel = 'voice'
)
GROUP BY GROUPING SETS ((win), (win, topic), (win, site))
