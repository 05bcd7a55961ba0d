-- Tests: a sample of one source's rejected records.
SELECT reason, detail, substring(raw, 1, 200) AS raw, position FROM rejected_records WHERE source = {source:String} LIMIT 50
