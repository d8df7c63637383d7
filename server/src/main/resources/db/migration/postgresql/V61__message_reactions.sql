-- Reactions to messages: at most one per member per message (a new one replaces it).
CREATE TABLE message_reactions (
  message_id BIGINT      NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  username   VARCHAR(32) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  emoji      VARCHAR(16) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (message_id, username)
);

CREATE INDEX message_reactions_user ON message_reactions (username);
