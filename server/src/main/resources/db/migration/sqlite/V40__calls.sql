-- Voice and video calls. Each call is recorded here once it has ended, and shown in its
-- conversation as a message from the caller to the callee whose call_entry (JSON: id, kind,
-- reason, answered, durationSeconds) says what the conversation shows: "Missed video call",
-- "Voice call · 4:12". A missed call is such a message left unread.
CREATE TABLE calls (
  id          TEXT    PRIMARY KEY CHECK (length(id) <= 36),
  caller      TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  callee      TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  kind        TEXT    NOT NULL CHECK (kind IN ('audio', 'video')),
  started_at  INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at    INTEGER NOT NULL,
  reason      TEXT    NOT NULL CHECK (length(reason) <= 20),
  -- seconds between answer and end; 0 for a call never answered
  duration_seconds INTEGER NOT NULL,
  message_id  INTEGER REFERENCES messages (id) ON DELETE SET NULL
) STRICT;

CREATE INDEX calls_caller ON calls (caller, started_at);
CREATE INDEX calls_callee ON calls (callee, started_at);

ALTER TABLE messages ADD COLUMN call_entry TEXT CHECK (length(call_entry) <= 500);
