package dev.pulse.server.store;

import dev.pulse.server.config.Config;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the JDBC connections go, from {@code DATABASE_URL} or the embedded default: SQLite in
 * {@code DATA_DIR/pulse.db}.
 *
 * @param properties driver properties; for SQLite the pragmas every connection is opened with
 */
record JdbcTarget(Dialect dialect, String url, String user, String password, Properties properties,
    String description) {
  private static final Logger log = LoggerFactory.getLogger(JdbcTarget.class);
  static final String EMBEDDED_FILE = "pulse.db";
  /** The file of the H2 database that earlier versions embedded; it is not read. */
  static final String OLD_H2_FILE = "pulse.mv.db";

  static JdbcTarget of(Config config) {
    if (config.embeddedDatabase()) {
      return embedded(config);
    }
    String raw = config.databaseUrl();
    if (raw.startsWith("jdbc:postgresql:")) {
      return new JdbcTarget(Dialect.POSTGRESQL, raw, null, null, new Properties(), redact(raw));
    }
    if (raw.startsWith("postgres://") || raw.startsWith("postgresql://")) {
      URI uri = URI.create(raw);
      String user = null;
      String password = null;
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = decode(parts[0]);
        password = parts.length > 1 ? decode(parts[1]) : null;
      }
      int port = uri.getPort() < 0 ? 5432 : uri.getPort();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      String url = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
      return new JdbcTarget(Dialect.POSTGRESQL, url, user, password, new Properties(),
          "PostgreSQL " + uri.getHost() + ":" + port + uri.getRawPath());
    }
    throw new IllegalArgumentException(
        "DATABASE_URL must be a jdbc:postgresql: URL or postgres://user:password@host:port/database");
  }

  private static JdbcTarget embedded(Config config) {
    Path dir = config.dataDir().toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create DATA_DIR " + dir + ": " + e.getMessage(), e);
    }
    Path file = dir.resolve(EMBEDDED_FILE);
    if (Files.exists(dir.resolve(OLD_H2_FILE))) {
      log.warn("{} is an H2 database from an earlier version of Pulse; it is not read. This version keeps"
          + " its data in {}{}", dir.resolve(OLD_H2_FILE), file,
          Files.exists(file) ? "" : " (new and empty: the demo members are seeded again)");
    }
    Properties p = new Properties();
    // WAL: readers never wait for the writer, and a commit is one append to the log
    p.setProperty("journal_mode", "WAL");
    // NORMAL: a commit is written to the OS before it returns (survives a killed process);
    // FULL: also fsynced (survives a power cut)
    p.setProperty("synchronous", config.dbSync().name());
    p.setProperty("busy_timeout", String.valueOf(Database.BUSY_TIMEOUT_MILLIS));
    p.setProperty("foreign_keys", "true");
    // a transaction takes the write lock when it begins, so it never has to give up a stale snapshot
    p.setProperty("transaction_mode", "IMMEDIATE");
    // checkpoints run on their own thread (WalCheckpointer), not inside a message commit
    p.setProperty("wal_autocheckpoint", "0");
    p.setProperty("date_class", "TEXT");
    p.setProperty("date_string_format", "yyyy-MM-dd");
    return new JdbcTarget(Dialect.SQLITE, "jdbc:sqlite:" + file, null, null, p, "SQLite " + file);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
