-- Interests (the matchmaking "I am interested in you"): one row per sender and recipient; the
-- recipient accepts or declines it, the sender may withdraw it (the row is deleted).
CREATE TABLE interests (
  sender     TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  recipient  TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  status     TEXT    NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (sender, recipient)
) STRICT;

CREATE INDEX interests_received ON interests (recipient, updated_at);

-- Profiles a member keeps an eye on; private to them.
CREATE TABLE shortlists (
  owner      TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  member     TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (owner, member)
) STRICT;
