-- The newest stored revision of one month's report for one filter (or none).
SELECT revision, toUnixTimestamp64Milli(stored_at) AS stored_ms, reason, report
FROM monthly_reports FINAL
WHERE month = {month:String} AND filter_key = {filter_key:String}
ORDER BY revision DESC
LIMIT 1
