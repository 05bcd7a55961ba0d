-- How many simulated contacts there are, and whether any real ones exist.
-- (Aliases differ from the column name: ClickHouse would resolve `simulated` to the alias.)
SELECT toUInt64(countIf(simulated = 1)) AS simulated_contacts, toUInt64(countIf(simulated = 0)) AS real_contacts FROM contacts
