-- A one-time sign-in link by the digest of its code.
SELECT purpose, toUnixTimestamp64Milli(expires_at) AS expires_ms, used
FROM sign_in_links FINAL
WHERE code_hash = {code_hash:String}
