-- Contacts offered per local calendar month between two UTC bounds (computed in code from
-- the centre's month starts, so the primary key filters), from the hourly rollup.
SELECT
    toString(toStartOfMonth(toTimeZone(bucket, {tz:String}))) AS month,
    toUInt64(sum(offered))                                    AS offered
FROM contacts_1h
WHERE bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}
  AND ({channel:String} = '' OR channel = {channel:String})
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({site:String} = '' OR site = {site:String})
GROUP BY month
ORDER BY month
