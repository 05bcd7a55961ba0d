-- Callbacks and e-inquiries that arrived in a month (queued_at in [from, to), the month's UTC
-- bounds) and are finished (answered, or closed unanswered), one row each, for the deadline
-- figures. Those still open are read by the one rule of open written work (written/open.sql).
-- Deadlines are in working days, so they are judged in code, which knows the holidays.
-- due_ms is the deadline stored at ingest (null when the source gave none).
SELECT
    toString(channel)                                          AS kind,
    toString(topic)                                            AS topic,
    toUnixTimestamp64Milli(queued_at)                          AS queued_ms,
    if(outcome = 'answered', toUnixTimestamp64Milli(assumeNotNull(answered_at)), NULL) AS answered_ms,
    if(isNull(due_at), NULL, toUnixTimestamp64Milli(assumeNotNull(due_at))) AS due_ms,
    toString(outcome)                                          AS outcome
FROM contacts FINAL
WHERE queued_at >= {from:DateTime64(3, 'UTC')} AND queued_at < {to:DateTime64(3, 'UTC')}
  AND channel IN ('callback', 'einquiry')
  AND ({topic:String} = '' OR topic = {topic:String})
