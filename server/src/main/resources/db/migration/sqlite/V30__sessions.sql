-- Sign-in sessions: one row per login (or registration) on one device. A session's access tokens
-- name it (claim sid); it is refreshed with a secret kept in an HttpOnly cookie, of which only a
-- SHA-256 hash is stored. Logging out deletes the row; every node then refuses its tokens.
CREATE TABLE sessions (
  id          TEXT    PRIMARY KEY CHECK (length(id) <= 64),
  username    TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  secret_hash TEXT    NOT NULL CHECK (length(secret_hash) <= 100),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_user ON sessions (username);
