-- The rule set an administrator saved last (none: the config's rules apply).
SELECT rules, toUnixTimestamp64Milli(saved_at) AS saved_ms, saved_by
FROM alert_rule_sets
ORDER BY saved_at DESC
LIMIT 1
