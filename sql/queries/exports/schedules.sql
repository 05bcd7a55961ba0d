-- Every schedule not removed, newest version of each.
SELECT id, spec, toUnixTimestamp64Milli(updated_at) AS updated_ms
FROM export_schedules FINAL
WHERE removed = 0
ORDER BY id
