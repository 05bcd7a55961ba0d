-- Wait sums per local calendar month over all the data: the average wait of all callers
-- (wait_all_ms ÷ offered) and ASA (wait_answered_ms ÷ answered) are computed in code.
SELECT
    toString(toStartOfMonth(toTimeZone(bucket, {tz:String}))) AS month,
    toUInt64(sum(offered))                                    AS offered,
    toUInt64(sum(answered))                                   AS answered,
    toUInt64(sum(wait_all_ms))                                AS wait_all_ms,
    toUInt64(sum(wait_answered_ms))                           AS wait_answered_ms
FROM contacts_1h
WHERE ({channel:String} = '' OR channel = {channel:String})
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({site:String} = '' OR site = {site:String})
GROUP BY month
ORDER BY month
