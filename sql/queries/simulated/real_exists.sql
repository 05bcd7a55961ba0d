-- Whether any real (not simulated) contact is stored: one row, or none.
SELECT toUInt8(1) AS found
FROM contacts
WHERE simulated = 0
LIMIT 1
