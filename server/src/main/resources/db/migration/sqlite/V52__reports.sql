-- Members' reports about other members, for moderators. Kept when either account is deleted
-- (the usernames are only text here): a report is evidence.
CREATE TABLE reports (
  id         INTEGER PRIMARY KEY,
  reporter   TEXT    NOT NULL CHECK (length(reporter) <= 32),
  reported   TEXT    NOT NULL CHECK (length(reported) <= 32),
  reason     TEXT    NOT NULL CHECK (length(reason) <= 32),
  details    TEXT    CHECK (length(details) <= 1000),
  place      TEXT    NOT NULL CHECK (place IN ('profile', 'chat')),
  created_at INTEGER NOT NULL
) STRICT;

