-- How many simulated contacts there are, and whether any real ones exist.
SELECT toUInt64(countIf(simulated = 1)) AS simulated, toUInt64(countIf(simulated = 0)) AS real FROM contacts
