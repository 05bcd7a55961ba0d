-- The latest rejected records, newest first, for operators.
SELECT
    toUnixTimestamp64Milli(received_at) AS received_ms,
    source, format, position, reason,
    substring(raw, 1, {max_raw:UInt32}) AS raw
FROM rejected_records
WHERE ({source:String} = '' OR source = {source:String})
ORDER BY received_at DESC
LIMIT {limit:UInt32}
