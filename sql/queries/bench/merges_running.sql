-- Benchmark: background merges in progress (the steady state has none).
SELECT toUInt64(count()) AS n FROM system.merges
