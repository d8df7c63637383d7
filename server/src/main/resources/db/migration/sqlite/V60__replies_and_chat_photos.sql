-- Replies and photos in chat. A reply keeps what it quotes (JSON: id, from, preview: the first
-- characters of the quoted text, or a word for a photo or a call) in its own row: messages are
-- never edited, so the quote cannot go stale, and history and delivery read it without a join.
-- A photo message names its picture in photo_entry (JSON: id, width, height).
ALTER TABLE messages ADD COLUMN reply_entry TEXT CHECK (length(reply_entry) <= 1000);
ALTER TABLE messages ADD COLUMN photo_entry TEXT CHECK (length(photo_entry) <= 200);

-- Photos sent in a conversation: stored as profile photos are (two JPEGs made from the upload,
-- never the original), but apart from them, so they are not in the sender's gallery nor count
-- against PHOTOS_PER_MEMBER. Each is uploaded for one recipient and served only to the two of them.
CREATE TABLE chat_photos (
  id         TEXT    PRIMARY KEY CHECK (length(id) <= 32),
  owner      TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  recipient  TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  large      BLOB    NOT NULL,
  thumb      BLOB    NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX chat_photos_owner ON chat_photos (owner, created_at);
CREATE INDEX chat_photos_recipient ON chat_photos (recipient);
