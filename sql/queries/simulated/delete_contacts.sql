-- Removes simulated rows (demo traffic) from contacts. Real data is never marked simulated.
ALTER TABLE contacts DELETE WHERE simulated = 1 SETTINGS mutations_sync = 1
