package dev.pulse.server.store;

import dev.pulse.server.profiles.SavedFilters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** Each member's saved dashboard filters: one row per member who saved some. */
public final class SavedFilterRepository {

  public Optional<SavedFilters> find(Connection c, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT min_age, max_age, religion, mother_tongue, city, education"
        + " FROM saved_filters WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new SavedFilters(Jdbc.getInteger(rs, "min_age"), Jdbc.getInteger(rs, "max_age"),
            rs.getString("religion"), rs.getString("mother_tongue"), rs.getString("city"), rs.getString("education")));
      }
    }
  }

  /** Replaces the member's saved filters with {@code f}. */
  public void save(Connection c, String username, SavedFilters f, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO saved_filters (username, min_age, max_age, religion,"
        + " mother_tongue, city, education, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO UPDATE"
        + " SET min_age = EXCLUDED.min_age, max_age = EXCLUDED.max_age, religion = EXCLUDED.religion,"
        + " mother_tongue = EXCLUDED.mother_tongue, city = EXCLUDED.city, education = EXCLUDED.education,"
        + " updated_at = EXCLUDED.updated_at")) {
      s.setString(1, username);
      setInt(s, 2, f.minAge());
      setInt(s, 3, f.maxAge());
      s.setString(4, f.religion());
      s.setString(5, f.motherTongue());
      s.setString(6, f.city());
      s.setString(7, f.education());
      Jdbc.setInstant(s, 8, now);
      s.executeUpdate();
    }
  }

  public void delete(Connection c, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM saved_filters WHERE username = ?")) {
      s.setString(1, username);
      s.executeUpdate();
    }
  }

  private static void setInt(PreparedStatement s, int index, Integer value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.INTEGER);
    } else {
      s.setInt(index, value);
    }
  }
}
