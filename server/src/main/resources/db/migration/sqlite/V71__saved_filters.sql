-- The filters a member saved for their dashboard (and offers on search); kept on the server so
-- that they follow the member to every device. A missing row, or a null column, filters nothing.
CREATE TABLE saved_filters (
  username      TEXT    PRIMARY KEY REFERENCES users (username) ON DELETE CASCADE,
  min_age       INTEGER,
  max_age       INTEGER,
  religion      TEXT    CHECK (length(religion) <= 40),
  mother_tongue TEXT    CHECK (length(mother_tongue) <= 40),
  city          TEXT    CHECK (length(city) <= 80),
  education     TEXT    CHECK (length(education) <= 120),
  updated_at    INTEGER NOT NULL
) STRICT;
