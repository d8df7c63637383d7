package dev.pulse.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small JDBC conversions shared by the repositories (SQLite and PostgreSQL). */
final class Jdbc {
  private Jdbc() {}

  static void setInstant(PreparedStatement s, int index, Instant instant) throws SQLException {
    boolean sqlite = Dialect.of(s.getConnection()) == Dialect.SQLITE;
    if (instant == null) {
      s.setNull(index, sqlite ? Types.BIGINT : Types.TIMESTAMP_WITH_TIMEZONE);
    } else if (sqlite) {
      s.setLong(index, instant.toEpochMilli());
    } else {
      s.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
  }

  static Instant getInstant(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    if (value == null) {
      return null;
    }
    if (value instanceof Number millis) {
      return Instant.ofEpochMilli(millis.longValue());
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static Integer getInteger(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  /** Escapes {@code %}, {@code _} and the escape character for a LIKE pattern. */
  static String likeContains(String text) {
    return "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
