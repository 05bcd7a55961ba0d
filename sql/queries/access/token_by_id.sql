SELECT id, name, role, site, streams, token_hash, revoked, toUnixTimestamp64Milli(created_at) AS created_ms
FROM api_tokens FINAL
WHERE id = {id:String}
