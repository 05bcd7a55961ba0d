-- The contacts behind a number (drill-down): raw rows, one page of them. from/to are UTC bounds
-- of the centre's dates, the same as the rollup's, so the list matches the figure clicked.
-- outcome '' = any; 'short_abandoned' = abandons under the short-abandon threshold.
-- sort is one of a closed list the route checks (time, wait, talk, hold, wrap, handle, outcome,
-- topic, site), bound as a value and never spliced in: a numeric and a text sort key are picked
-- by multiIf (WITH aliases: they order the rows and are not returned), and desc flips them. Ties fall back to newest first, then the id, so pages never
-- overlap or skip a row.
WITH
    toInt64(multiIf({sort:String} = 'wait', toInt64(wait_ms),
                    {sort:String} = 'talk', toInt64(talk_ms),
                    {sort:String} = 'hold', toInt64(hold_ms),
                    {sort:String} = 'wrap', toInt64(wrap_ms),
                    {sort:String} = 'handle', toInt64(talk_ms) + toInt64(hold_ms) + toInt64(wrap_ms),
                    {sort:String} = 'time', toUnixTimestamp64Milli(queued_at),
                    toInt64(0))) AS sort_n,
    multiIf({sort:String} = 'outcome', if(outcome = 'abandoned' AND short_abandon = 1, 'short_abandoned', outcome),
            {sort:String} = 'topic', topic,
            {sort:String} = 'site', site,
            '') AS sort_s
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
ORDER BY
    if({desc:UInt8} = 1, sort_s, '') DESC, if({desc:UInt8} = 1, '', sort_s) ASC,
    if({desc:UInt8} = 1, sort_n, 0) DESC, if({desc:UInt8} = 1, 0, sort_n) ASC,
    queued_at DESC, contact_id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
