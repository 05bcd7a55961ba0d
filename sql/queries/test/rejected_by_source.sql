-- Tests: how many records one source had rejected.
SELECT toUInt64(count()) AS n FROM rejected_records WHERE source = {source:String}
