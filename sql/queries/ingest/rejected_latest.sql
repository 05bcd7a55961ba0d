-- The latest rejected records, newest first, for operators; of one reason class when given.
SELECT
    toUnixTimestamp64Milli(received_at) AS received_ms,
    source, format, position, reason, detail, count,
    substringUTF8(raw, 1, {max_raw:UInt32}) AS raw
FROM rejected_records
WHERE ({source:String} = '' OR source = {source:String})
  AND ({reason:String} = '' OR reason = {reason:String})
ORDER BY received_at DESC
LIMIT {limit:UInt32}
