package dev.pulse.server.store;

import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;

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

  /**
   * The condition "{@code column} is one of a list" with one parameter, the same statement text
   * whatever the list's length (so it is parsed once): {@code = ANY(?)} with an array on
   * PostgreSQL; SQLite has no arrays, so there the list is a JSON array read by {@code json_each}.
   * Set the parameter with {@link #setList}.
   */
  static String inList(Connection c, String column) throws SQLException {
    return Dialect.of(c) == Dialect.SQLITE
        ? column + " IN (SELECT value FROM json_each(?))"
        : column + " = ANY(?)";
  }

  /** Sets the parameter of an {@link #inList} condition; {@code sqlType} names the array's type. */
  static void setList(PreparedStatement s, int index, Collection<?> values, String sqlType) throws SQLException {
    Connection c = s.getConnection();
    if (Dialect.of(c) == Dialect.SQLITE) {
      s.setString(index, new JsonArray(new ArrayList<>(values)).encode());
    } else {
      s.setArray(index, c.createArrayOf(sqlType, values.toArray()));
    }
  }

  /** Escapes {@code %}, {@code _} and the escape character for a LIKE pattern. */
  static String likeContains(String text) {
    return "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
