-- All tokens, newest first, without their digests.
SELECT id, name, role, site, streams, revoked, toUnixTimestamp64Milli(created_at) AS created_ms
FROM api_tokens FINAL
ORDER BY created_at DESC
