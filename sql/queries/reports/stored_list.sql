-- Every stored revision, newest month first, without the report bodies.
SELECT month, filter_key, revision, definitions_version,
       toUnixTimestamp64Milli(generated_at) AS generated_ms,
       toUnixTimestamp64Milli(stored_at) AS stored_ms,
       toString(reason) AS reason, changes
FROM monthly_reports FINAL
ORDER BY month DESC, filter_key, revision DESC
LIMIT {limit:UInt32}
