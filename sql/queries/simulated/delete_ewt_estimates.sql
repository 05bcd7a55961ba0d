-- Removes the wait estimates made for simulated callers.
ALTER TABLE ewt_estimates DELETE WHERE simulated = 1 SETTINGS mutations_sync = 1
