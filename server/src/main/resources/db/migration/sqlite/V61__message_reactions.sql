-- Reactions to messages: at most one per member per message (a new one replaces it).
CREATE TABLE message_reactions (
  message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  username   TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  emoji      TEXT    NOT NULL CHECK (length(emoji) <= 16),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (message_id, username)
) STRICT;

CREATE INDEX message_reactions_user ON message_reactions (username);
