-- Removes simulated rows (demo traffic) from agent_events. Real data is never marked simulated.
ALTER TABLE agent_events DELETE WHERE simulated = 1 SETTINGS mutations_sync = 1
