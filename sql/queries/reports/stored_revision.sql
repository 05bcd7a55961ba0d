-- One stored revision of one month's report.
SELECT revision, toUnixTimestamp64Milli(stored_at) AS stored_ms, reason, report
FROM monthly_reports FINAL
WHERE month = {month:String} AND filter_key = {filter_key:String} AND revision = {revision:UInt32}
LIMIT 1
