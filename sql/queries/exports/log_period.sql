-- One schedule's attempts for one period: what was sent already and how many tries failed.
SELECT target, result, attempt, toUnixTimestamp64Milli(at) AS at_ms
FROM export_log
WHERE schedule_id = {schedule_id:String} AND period = {period:String}
ORDER BY at
