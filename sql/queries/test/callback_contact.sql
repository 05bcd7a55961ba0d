-- Tests: the callback contact of one source, with its due time.
SELECT toString(due_at) AS due, wait_ms, outcome FROM contacts FINAL WHERE source = {source:String} AND channel = 'callback'
