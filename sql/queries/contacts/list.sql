-- The contacts behind a number (drill-down): raw rows, newest first. from/to are UTC bounds
-- of the centre's dates, the same as the rollup's, so the list matches the figure clicked.
-- outcome '' = any; 'short_abandoned' = abandons under the short-abandon threshold.
SELECT
    contact_id, channel, topic, site, agent,
    toUnixTimestamp64Milli(queued_at)             AS queued_at_ms,
    toUnixTimestamp64Milli(answered_at)           AS answered_at_ms,
    toUnixTimestamp64Milli(ended_at)              AS ended_at_ms,
    outcome, wait_ms, talk_ms, hold_ms, wrap_ms,
    in_service_level, short_abandon
FROM contacts FINAL
WHERE queued_at >= {from:DateTime('UTC')} AND queued_at < {to:DateTime('UTC')}
  AND ({channel:String} = '' OR channel = {channel:String})
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({site:String} = '' OR site = {site:String})
  AND ({outcome:String} = ''
       OR ({outcome:String} = 'short_abandoned' AND outcome = 'abandoned' AND short_abandon = 1)
       OR outcome = {outcome:String})
ORDER BY queued_at DESC, contact_id
LIMIT {limit:UInt32}
