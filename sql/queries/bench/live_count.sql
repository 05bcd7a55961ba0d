-- Benchmark: how many events of one source are queryable.
SELECT toUInt64(count()) AS n FROM call_events WHERE source = {source:String}
