-- The alert log between {from} and {to}: each alert with its start, acknowledgement and end,
-- newest first.
SELECT
    alert_id,
    any(rule_id)                                                                     AS rule,
    any(scope)                                                                       AS scope_key,
    any(figure)                                                                      AS figure_key,
    anyIf(value, transition = 'start')                                               AS start_value,
    anyIf(threshold, transition = 'start')                                           AS start_threshold,
    toUnixTimestamp64Milli(minIf(at, transition = 'start'))                          AS started_ms,
    if(countIf(transition = 'ack') > 0, toUnixTimestamp64Milli(maxIf(at, transition = 'ack')), NULL) AS ack_ms,
    anyIf(by_whom, transition = 'ack')                                               AS ack_by,
    if(countIf(transition = 'end') > 0, toUnixTimestamp64Milli(maxIf(at, transition = 'end')), NULL) AS ended_ms
FROM alert_log FINAL
WHERE at >= {from:DateTime64(3, 'UTC')} AND at < {to:DateTime64(3, 'UTC')}
GROUP BY alert_id
HAVING countIf(transition = 'start') > 0
ORDER BY started_ms DESC
LIMIT 1000
