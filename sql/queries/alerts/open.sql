-- Alerts started since {since} and not ended: the ones still active when a server process
-- starts (so a restart neither starts them again nor forgets an acknowledgement).
SELECT
    alert_id,
    any(rule_id)                                               AS rule,
    any(scope)                                                 AS scope_key,
    any(figure)                                                AS figure_key,
    toUnixTimestamp64Milli(minIf(at, transition = 'start'))    AS started_ms,
    anyIf(value, transition = 'start')                         AS start_value,
    anyIf(threshold, transition = 'start')                     AS start_threshold,
    toUnixTimestamp64Milli(maxIf(at, transition = 'ack'))      AS ack_ms,
    anyIf(by_whom, transition = 'ack')                         AS ack_by
FROM alert_log FINAL
WHERE at >= {since:DateTime64(3, 'UTC')}
GROUP BY alert_id
HAVING countIf(transition = 'start') > 0 AND countIf(transition = 'end') = 0
