-- 0002: people, tokens and secrets. ReplacingMergeTree keyed by id, newest version wins;
-- readers use FINAL (these tables hold a few hundred rows).

CREATE TABLE IF NOT EXISTS users
(
    username      String,
    display_name  String,
    role          LowCardinality(String),
    site          String,
    password_hash String,
    disabled      UInt8,
    updated_at    DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY username;

-- Bearer tokens for wallboard TVs, ingest clients and automation. Only a SHA-256 of the
-- token is stored; tokens are 256 random bits, so a fast hash is enough.
CREATE TABLE IF NOT EXISTS api_tokens
(
    id          String,
    name        String,
    role        LowCardinality(String),
    site        String,
    token_hash  String,
    created_at  DateTime64(3, 'UTC'),
    revoked     UInt8,
    updated_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY id;

-- One-time sign-in links (first admin set-up). Hashed like tokens.
CREATE TABLE IF NOT EXISTS sign_in_links
(
    code_hash  String,
    purpose    LowCardinality(String),
    expires_at DateTime64(3, 'UTC'),
    used       UInt8,
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY code_hash;

-- Process-shared secrets (the session-cookie key). The oldest value of a name wins, so
-- processes that start together agree.
CREATE TABLE IF NOT EXISTS app_secrets
(
    name       String,
    value      String,
    created_at DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (name, created_at);
