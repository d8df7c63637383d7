package dev.pulse.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The two SQL dialects Pulse speaks. Nearly all statements are the same text on both; where
 * they differ (timestamps, ids of new rows, lists of ids) the repositories ask the connection
 * which one it is, so they need no wiring of their own.
 */
enum Dialect {
  /** The embedded default: timestamps are INTEGER milliseconds since the epoch (UTC). */
  SQLITE("classpath:db/migration/sqlite"),
  /** {@code DATABASE_URL}: timestamps are {@code TIMESTAMP WITH TIME ZONE}. */
  POSTGRESQL("classpath:db/migration/postgresql");

  final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  static Dialect of(Connection c) throws SQLException {
    return c.isWrapperFor(org.sqlite.SQLiteConnection.class) ? SQLITE : POSTGRESQL;
  }
}
