-- Removes simulated rows (demo traffic) from call_events. Real data is never marked simulated.
ALTER TABLE call_events DELETE WHERE simulated = 1 SETTINGS mutations_sync = 1
