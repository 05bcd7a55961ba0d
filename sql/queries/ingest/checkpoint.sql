-- Where one ingest source stands (newest checkpoint wins).
SELECT position, state
FROM ingest_checkpoints FINAL
WHERE source_id = {source_id:String}
