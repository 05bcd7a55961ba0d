-- Contacts offered per year of the centre's calendar, from the hourly rollup, up to a cut (the
-- end of the last day counted: today, or the end of a report's month, so a September report's
-- year does not hold October). first_day is the year's first local day with contacts, to mark
-- a year the history starts in part-way.
-- :TRICKY: the bucket is turned into local time before taking the year: 2025-01-01 00:30 in
-- Vilnius is still 2024-12-31 in UTC. Empty filter strings mean "all".
SELECT
    toYear(toTimeZone(bucket, {tz:String}))                   AS year,
    toUInt64(sum(offered))                                    AS offered,
    toString(toDate(toTimeZone(min(bucket), {tz:String})))    AS first_day
FROM contacts_1h
WHERE bucket < {to:DateTime('UTC')}
  AND ({channel:String} = '' OR channel = {channel:String})
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({site:String} = '' OR site = {site:String})
GROUP BY year
ORDER BY year
