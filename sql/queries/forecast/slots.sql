-- Contacts offered per local date, quarter hour of the local clock (0–95), topic and channel,
-- from the 15-minute rollup: the forecast's history and today's actuals so far.
-- :TRICKY: on the autumn DST Sunday 03:00–03:59 happens twice and lands on the same slots;
-- the centre is closed then.
SELECT
    toString(toDate(toTimeZone(bucket, {tz:String})))                                           AS date,
    toUInt8(toHour(toTimeZone(bucket, {tz:String})) * 4 + intDiv(toMinute(toTimeZone(bucket, {tz:String})), 15)) AS slot,
    topic,
    channel,
    toUInt64(sum(offered))         AS offered,
    toUInt64(sum(short_abandoned)) AS short_abandoned,
    toUInt64(sum(answered_in_sl))  AS answered_in_sl
FROM contacts_15m
WHERE bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}
GROUP BY date, slot, topic, channel
