-- Removes the stored forecasts: while simulated data was present they were made from it, and
-- scoring them against a real centre's calls would mean nothing. Real forecasts start again.
ALTER TABLE forecast_intervals DELETE WHERE 1 SETTINGS mutations_sync = 1
