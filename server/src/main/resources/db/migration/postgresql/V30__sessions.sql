-- Sign-in sessions: one row per login (or registration) on one device. A session's access tokens
-- name it (claim sid); it is refreshed with a secret kept in an HttpOnly cookie, of which only a
-- SHA-256 hash is stored. Logging out deletes the row; every node then refuses its tokens.
CREATE TABLE sessions (
  id          VARCHAR(64)  PRIMARY KEY,
  username    VARCHAR(32)  NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  secret_hash VARCHAR(100) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX sessions_user ON sessions (username);
