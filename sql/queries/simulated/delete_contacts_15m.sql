-- Removes simulated rows (demo traffic) from contacts_15m. Real data is never marked simulated.
-- Each delete waits until it is done (mutations_sync): the command says the data is gone.
ALTER TABLE contacts_15m DELETE WHERE simulated = 1 SETTINGS mutations_sync = 1
