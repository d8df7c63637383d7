-- Photos members upload. The image bytes live in the database (not on one node's disk) so that
-- every node of a cluster serves every photo. Each upload is stored as two JPEGs made from it:
-- `large` (fits in 1024x1024) for the profile page and `thumb` (256x256, centre crop) for cards,
-- lists and notifications; the original with its metadata is never kept.
CREATE TABLE photos (
  id         TEXT    PRIMARY KEY CHECK (length(id) <= 32),
  owner      TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  large      BLOB    NOT NULL,
  thumb      BLOB    NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX photos_owner ON photos (owner, created_at);

-- A profile's picture can only be one of its owner's photos served by Pulse: an address
-- elsewhere would tell its owner who looked at the profile, and from where.
ALTER TABLE profiles DROP COLUMN photo_url;
ALTER TABLE profiles ADD COLUMN photo_id TEXT REFERENCES photos (id) ON DELETE SET NULL;
