-- Forgets the simulator's ingest positions, so a new demo can be generated after removal.
ALTER TABLE ingest_checkpoints DELETE WHERE startsWith(source_id, 'sim:') OR startsWith(source_id, 'api:simulator') SETTINGS mutations_sync = 1
