-- One local day by quarter hour of the local clock (HH:MM), from the 15-minute rollup.
-- from/to are the UTC bounds of the centre's day (23 or 25 hours on DST Sundays).
-- :TRICKY: on the autumn DST Sunday 03:00–03:59 happens twice; both land on the same clock
-- slot, which is what a supervisor comparing "03:15" across days expects.
SELECT
    formatDateTime(toStartOfInterval(toTimeZone(bucket, {tz:String}), INTERVAL 15 MINUTE), '%H:%i') AS slot,
    toUInt64(sum(offered))         AS offered,
    toUInt64(sum(short_abandoned)) AS short_abandoned,
    toUInt64(sum(answered_in_sl))  AS answered_in_sl,
    toUInt64(sum(wait_all_ms))     AS wait_all_ms
FROM contacts_15m
WHERE bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}
  AND ({channel:String} = '' OR channel = {channel:String})
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({site:String} = '' OR site = {site:String})
GROUP BY slot
ORDER BY slot
