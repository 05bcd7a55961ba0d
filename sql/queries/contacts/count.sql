-- How many contacts the drill-down's filters select (its paging total): the same WHERE as list.sql.
SELECT count() AS total
FROM contacts FINAL
WHERE queued_at >= {from:DateTime('UTC')} AND queued_at < {to:DateTime('UTC')}
  AND ({channel:String} = '' OR channel = {channel:String})
  AND ({topic:String} = '' OR topic = {topic:String})
  AND ({site:String} = '' OR site = {site:String})
  AND ({outcome:String} = ''
       OR ({outcome:String} = 'short_abandoned' AND outcome = 'abandoned' AND short_abandon = 1)
       OR outcome = {outcome:String})
