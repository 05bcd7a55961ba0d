-- Which intervals of a horizon already have a stored forecast (so a restart does not add them again).
SELECT DISTINCT toUnixTimestamp(bucket) * 1000 AS bucket_ms, topic, channel
FROM forecast_intervals
WHERE horizon = {horizon:String} AND bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}
