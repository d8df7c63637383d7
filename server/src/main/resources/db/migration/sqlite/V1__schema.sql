-- Pulse schema for the embedded SQLite database: the same tables and columns as on PostgreSQL.
-- STRICT tables reject a value of the wrong type, and CHECKs keep the PostgreSQL lengths, so
-- both databases accept the same data. Timestamps are INTEGER milliseconds since the epoch (UTC),
-- dates TEXT 'YYYY-MM-DD'.

CREATE TABLE users (
  username      TEXT    PRIMARY KEY CHECK (length(username) <= 32),
  password_hash TEXT    NOT NULL CHECK (length(password_hash) <= 100),
  created_at    INTEGER NOT NULL,
  last_seen     INTEGER,
  -- what the user chose: online, away or busy; "away" is also computed from inactivity
  status        TEXT    NOT NULL DEFAULT 'online' CHECK (length(status) <= 8),
  status_text   TEXT    CHECK (length(status_text) <= 100)
) STRICT;

CREATE TABLE profiles (
  username      TEXT    PRIMARY KEY REFERENCES users (username) ON DELETE CASCADE,
  display_name  TEXT    NOT NULL CHECK (length(display_name) <= 80),
  gender        TEXT    NOT NULL CHECK (length(gender) <= 16),
  date_of_birth TEXT    NOT NULL CHECK (date_of_birth GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  city          TEXT    CHECK (length(city) <= 80),
  country       TEXT    CHECK (length(country) <= 80),
  religion      TEXT    CHECK (length(religion) <= 40),
  mother_tongue TEXT    CHECK (length(mother_tongue) <= 40),
  education     TEXT    CHECK (length(education) <= 120),
  occupation    TEXT    CHECK (length(occupation) <= 120),
  height_cm     INTEGER,
  about         TEXT    CHECK (length(about) <= 2000),
  photo_url     TEXT    CHECK (length(photo_url) <= 500),
  updated_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX profiles_search ON profiles (gender, date_of_birth);
CREATE INDEX profiles_city ON profiles (city);

-- Every index here is paid for on each message insert, so there are only the ones the queries
-- need, and delivery state is in none of them but the partial index of undelivered messages:
-- marking a message delivered rewrites its row (on a page the inserts just wrote) and removes
-- one entry from a small index, instead of moving an entry in an index over all messages.
CREATE TABLE messages (
  id           INTEGER PRIMARY KEY,
  -- the two usernames in sorted order joined by ':'; one index serves a conversation's history
  pair_key     TEXT    NOT NULL,
  sender       TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  recipient    TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  body         TEXT    NOT NULL CHECK (length(body) <= 8000),
  client_id    TEXT    CHECK (length(client_id) <= 64),
  created_at   INTEGER NOT NULL,
  delivered_at INTEGER,
  read_at      INTEGER
) STRICT;

-- a retried send with the same clientId finds the first one instead of storing a second;
-- also the sender side of a user's conversations
CREATE UNIQUE INDEX messages_client_id ON messages (sender, client_id);
CREATE INDEX messages_history ON messages (pair_key, id);
-- the recipient side of conversations, unread counts, read marks
CREATE INDEX messages_inbox ON messages (recipient, sender, id);
-- what a connecting user is caught up on
CREATE INDEX messages_undelivered ON messages (recipient, id) WHERE delivered_at IS NULL;

CREATE TABLE blocks (
  blocker    TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  blocked    TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (blocker, blocked)
) STRICT;

CREATE INDEX blocks_blocked ON blocks (blocked);
