-- The filters a member saved for their dashboard (and offers on search); kept on the server so
-- that they follow the member to every device. A missing row, or a null column, filters nothing.
CREATE TABLE saved_filters (
  username      VARCHAR(32)  PRIMARY KEY REFERENCES users (username) ON DELETE CASCADE,
  min_age       INTEGER,
  max_age       INTEGER,
  religion      VARCHAR(40),
  mother_tongue VARCHAR(40),
  city          VARCHAR(80),
  education     VARCHAR(120),
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
