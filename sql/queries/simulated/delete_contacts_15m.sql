-- Removes simulated rows (demo traffic) from contacts_15m. Real data is never marked simulated.
ALTER TABLE contacts_15m DELETE WHERE simulated = 1
