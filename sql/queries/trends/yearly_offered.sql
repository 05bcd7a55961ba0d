-- Contacts offered per year of the centre's calendar, from the hourly rollup.
-- :TRICKY: the bucket is turned into local time before taking the year: 2025-01-01 00:30 in
-- Vilnius is still 2024-12-31 in UTC. Empty filter strings mean "all".
SELECT
    toYear(toTimeZone(bucket, {tz:String})) AS year,
    toUInt64(sum(offered))                  AS offered
FROM contacts_1h
WHERE ({channel:String} = '' OR channel = {channel:String})
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({site:String} = '' OR site = {site:String})
GROUP BY year
ORDER BY year
