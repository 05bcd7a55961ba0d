-- Period sums from the 15-minute rollup, overall and per topic and per site.
-- from/to are UTC bounds computed in code from the centre's local dates, so the primary key
-- (bucket first) filters. Empty filter strings mean "all".
SELECT
    if(grouping(topic) = 0, topic, '') AS topic_key,
    if(grouping(site) = 0, site, '')   AS site_key,
    toUInt64(sum(offered))            AS offered,
    toUInt64(sum(answered))           AS answered,
    toUInt64(sum(abandoned))          AS abandoned,
    toUInt64(sum(short_abandoned))    AS short_abandoned,
    toUInt64(sum(answered_in_sl))     AS answered_in_sl,
    toUInt64(sum(wait_answered_ms))   AS wait_answered_ms,
    toUInt64(sum(wait_all_ms))        AS wait_all_ms,
    toUInt64(sum(talk_ms))            AS talk_ms,
    toUInt64(sum(hold_ms))            AS hold_ms,
    toUInt64(sum(wrap_ms))            AS wrap_ms,
    toUInt64(max(max_wait_ms))        AS max_wait_ms,
    grouping(topic)                   AS all_topics,
    grouping(site)                    AS all_sites
FROM contacts_15m
WHERE bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({site:String} = '' OR site = {site:String})
  AND ({channel:String} = '' OR channel = {channel:String})
GROUP BY GROUPING SETS ((), (topic), (site))
