-- One local day per 15 or 30 minutes of the local clock, from the 15-minute rollup: the
-- interval report. from/to are the UTC bounds of the centre's day; minutes is 15 or 30.
SELECT
    formatDateTime(toStartOfInterval(toTimeZone(bucket, {tz:String}), toIntervalMinute({minutes:UInt8})), '%H:%i') AS slot,
    toUInt64(sum(offered))          AS offered,
    toUInt64(sum(answered))         AS answered,
    toUInt64(sum(abandoned))        AS abandoned,
    toUInt64(sum(short_abandoned))  AS short_abandoned,
    toUInt64(sum(answered_in_sl))   AS answered_in_sl,
    toUInt64(sum(wait_answered_ms)) AS wait_answered_ms,
    toUInt64(sum(talk_ms))          AS talk_ms,
    toUInt64(sum(hold_ms))          AS hold_ms,
    toUInt64(sum(wrap_ms))          AS wrap_ms
FROM contacts_15m
WHERE bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}
  AND ({channel:String} = '' OR channel = {channel:String})
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({site:String} = '' OR site = {site:String})
GROUP BY slot
ORDER BY slot
