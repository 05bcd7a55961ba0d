-- Tests: how many contact rows one source stored (raw rows, not deduplicated by FINAL).
SELECT toUInt64(count()) AS n FROM contacts WHERE source = {source:String}
