-- Contacts offered per local date, topic and channel, from the hourly rollup: the forecast's
-- older history (season a year back, the fund calendar's days), where quarter hours are not needed.
SELECT
    toString(toDate(toTimeZone(bucket, {tz:String}))) AS date,
    topic,
    channel,
    toUInt64(sum(offered)) AS offered
FROM contacts_1h
WHERE bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}
GROUP BY date, topic, channel
