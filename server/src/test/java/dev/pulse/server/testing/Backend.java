package dev.pulse.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The databases the tests run against: the embedded SQLite default, and the real PostgreSQL server
 * on 127.0.0.1:5432 (each fixture gets a fresh database there, dropped afterwards).
 */
public enum Backend {
  SQLITE,
  POSTGRES;

  static final String PG_ADMIN_URL = System.getProperty("pulse.test.pg.admin",
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  static final String PG_BASE_URL = System.getProperty("pulse.test.pg.base",
      "jdbc:postgresql://127.0.0.1:5432/");

  /** Creates an empty PostgreSQL database and returns its name. */
  public static String createPostgresDatabase() {
    String name = "pulse_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + PG_ADMIN_URL + " is needed for this test: " + e.getMessage(), e);
    }
    return name;
  }

  public static String postgresUrl(String database) {
    return PG_BASE_URL + database + "?user=postgres";
  }

  public static void dropPostgresDatabase(String name) {
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      // a leftover test database is harmless; the next run creates its own
    }
  }
}
