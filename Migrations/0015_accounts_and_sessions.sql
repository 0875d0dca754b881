-- Accounts, sign-in sessions and API tokens (SPEC §12).
--
-- An account is keyed by the id the audit log uses for its holder: the officer id, or
-- `supervisee:CASE-REF`. Times in these tables are whole seconds since the Unix epoch
-- (INTEGER, UTC): every check on them is arithmetic (72 h, 15 min, 30 min idle, 12 h in all).
-- Secrets are never stored: an activation code, a session token and an API token are kept
-- only as the lowercase hex SHA-256 of the token, and a password only as its bcrypt hash.
CREATE TABLE account (
    actor_id TEXT PRIMARY KEY CHECK (length(actor_id) BETWEEN 1 AND 80),
    password_hash TEXT CHECK (password_hash IS NULL OR length(password_hash) = 60),
    activation_hash TEXT UNIQUE CHECK (activation_hash IS NULL OR length(activation_hash) = 64),
    activation_expires_at INTEGER,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    locked_until INTEGER,
    changed_at INTEGER NOT NULL,
    CHECK ((activation_hash IS NULL) = (activation_expires_at IS NULL))
) STRICT;

CREATE TABLE web_session (
    token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    actor_id TEXT NOT NULL REFERENCES account (actor_id),
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL CHECK (last_seen_at >= created_at)
) STRICT;

CREATE INDEX web_session_by_actor ON web_session (actor_id);

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    actor_id TEXT NOT NULL REFERENCES account (actor_id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at INTEGER NOT NULL,
    -- At most a year (of 366 days, so a leap year's anniversary is allowed).
    expires_at INTEGER NOT NULL CHECK (expires_at > created_at AND expires_at <= created_at + 366 * 86400),
    revoked_at INTEGER
) STRICT;

CREATE INDEX api_token_by_actor ON api_token (actor_id);
