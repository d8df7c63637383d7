-- Interests (the matchmaking "I am interested in you"): one row per sender and recipient; the
-- recipient accepts or declines it, the sender may withdraw it (the row is deleted).
CREATE TABLE interests (
  sender     VARCHAR(32) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  recipient  VARCHAR(32) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  status     VARCHAR(8)  NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (sender, recipient)
);

CREATE INDEX interests_received ON interests (recipient, updated_at);

-- Profiles a member keeps an eye on; private to them.
CREATE TABLE shortlists (
  owner      VARCHAR(32) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  member     VARCHAR(32) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (owner, member)
);
