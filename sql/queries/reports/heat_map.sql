-- One month by weekday × hour of the centre's clock, from the 15-minute rollup (the same rows
-- /api/stats sums, so the cells add up to the month's offered to the unit).
-- from/to are the month's UTC bounds, computed in code from the centre's calendar.
-- :TRICKY: on the autumn DST Sunday 03:00–03:59 happens twice and both land in hour 3; on the
-- spring one hour 3 does not exist. Each cell counts what the wall clock showed.
SELECT
    toDayOfWeek(toTimeZone(bucket, {tz:String})) AS weekday,
    toHour(toTimeZone(bucket, {tz:String}))      AS hour,
    toUInt64(sum(offered))                       AS offered,
    toUInt64(sum(answered))                      AS answered,
    toUInt64(sum(wait_all_ms))                   AS wait_all_ms,
    toUInt64(sum(wait_answered_ms))              AS wait_answered_ms
FROM contacts_15m
WHERE bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}
  AND ({channel:String} = '' OR channel = {channel:String})
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({site:String} = '' OR site = {site:String})
GROUP BY weekday, hour
ORDER BY weekday, hour
