-- 0006: sessions ended by signing out. A session cookie is signed and carries its own expiry,
-- so nothing on the server knew it had ended: a copy of it (a shared PC's browser profile, a
-- saved request) kept working after "Sign out" until it expired (auth.sessionHours). Each
-- cookie now names its session, and signing out records the name here; a row is kept only as
-- long as the cookie could still have been used.

CREATE TABLE IF NOT EXISTS ended_sessions
(
    session_id String,
    ended_at   DateTime64(3, 'UTC'),
    expires_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(ended_at)
ORDER BY session_id
TTL toDateTime(expires_at);
