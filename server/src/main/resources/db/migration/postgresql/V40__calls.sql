-- Voice and video calls. Each call is recorded here once it has ended, and shown in its
-- conversation as a message from the caller to the callee whose call_entry (JSON: id, kind,
-- reason, answered, durationSeconds) says what the conversation shows: "Missed video call",
-- "Voice call · 4:12". A missed call is such a message left unread.
CREATE TABLE calls (
  id          VARCHAR(36) PRIMARY KEY,
  caller      VARCHAR(32) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  callee      VARCHAR(32) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  kind        VARCHAR(8)  NOT NULL CHECK (kind IN ('audio', 'video')),
  started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  answered_at TIMESTAMP WITH TIME ZONE,
  ended_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  reason      VARCHAR(20) NOT NULL,
  -- seconds between answer and end; 0 for a call never answered
  duration_seconds BIGINT NOT NULL,
  message_id  BIGINT REFERENCES messages (id) ON DELETE SET NULL
);

CREATE INDEX calls_caller ON calls (caller, started_at);
CREATE INDEX calls_callee ON calls (callee, started_at);

ALTER TABLE messages ADD COLUMN call_entry VARCHAR(500);
