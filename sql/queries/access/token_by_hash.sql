-- A bearer token by its SHA-256 digest; revoked tokens are returned so callers can say so.
SELECT id, name, role, site, streams, revoked
FROM api_tokens FINAL
WHERE token_hash = {token_hash:String}
