-- The newest delivery attempts, for the admin page (all schedules, or one).
SELECT toUnixTimestamp64Milli(at) AS at_ms, schedule_id, period, target, file, recipients, result, attempt, error
FROM export_log
WHERE {schedule_id:String} = '' OR schedule_id = {schedule_id:String}
ORDER BY at DESC
LIMIT {limit:UInt32}
