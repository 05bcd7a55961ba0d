-- Tests: how many records one source had rejected (a batch's summary row counts all it stands for).
SELECT toUInt64(sum(count)) AS n FROM rejected_records WHERE source = {source:String}
