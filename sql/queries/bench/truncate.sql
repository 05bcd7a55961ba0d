-- Empties one of our tables between benchmark parts (table names come from the benchmark's own list).
TRUNCATE TABLE {table:Identifier}
