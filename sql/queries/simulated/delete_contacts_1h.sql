-- Removes simulated rows (demo traffic) from contacts_1h, the hourly rollup the long trends read
-- (a mutation does not pass through the rollup views: each rollup is cleared on its own).
ALTER TABLE contacts_1h DELETE WHERE simulated = 1 SETTINGS mutations_sync = 1
