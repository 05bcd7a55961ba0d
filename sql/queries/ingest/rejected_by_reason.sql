-- How many records were rejected, by source, format and reason (first 80 characters).
SELECT source, format, substring(reason, 1, 80) AS reason, toUInt64(count()) AS n
FROM rejected_records
GROUP BY source, format, reason
ORDER BY n DESC
LIMIT 100
