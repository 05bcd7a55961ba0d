-- Tests: the checked calls ok-0 … ok-999 (okw-… in the parse worker's run) of one source (decoys
-- are numbered from 1000).
SELECT toUInt64(countIf(outcome = 'answered')) AS answered, toUInt64(sum(talk_ms)) AS talk_ms
FROM contacts FINAL
WHERE source = {source:String} AND match(contact_id, '^(cdr:)?okw?-\\d{1,3}[.#@]')
