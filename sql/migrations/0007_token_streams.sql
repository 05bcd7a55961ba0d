-- 0007: the event streams an ingest token may write to (POST /api/ingest?stream=NAME). A
-- stream is one PBX or connector, with its own checkpoint and open calls: a token that could
-- name any stream could close or double another PBX's calls by mistake or on purpose. New
-- ingest tokens list their streams (none given: only the token's own default stream); '*' is
-- any stream, which tokens issued before this migration keep, so running connectors go on.

ALTER TABLE api_tokens ADD COLUMN IF NOT EXISTS streams Array(String) DEFAULT ['*'];
