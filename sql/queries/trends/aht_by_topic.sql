-- Handle-time parts per topic between two UTC bounds (the centre's dates, turned into UTC in
-- code), from the 15-minute rollup. AHT and its parts are divided by answered in code.
SELECT
    topic,
    toUInt64(sum(answered)) AS answered,
    toUInt64(sum(talk_ms))  AS talk_ms,
    toUInt64(sum(hold_ms))  AS hold_ms,
    toUInt64(sum(wrap_ms))  AS wrap_ms
FROM contacts_15m
WHERE bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}
  AND ({channel:String} = '' OR channel = {channel:String})
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({site:String} = '' OR site = {site:String})
GROUP BY topic
ORDER BY topic
