package dev.pulse.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own, so that no
 * message commit waits for a checkpoint (SQLite would otherwise run one inside every commit that
 * crosses 1 000 pages of log, with two fsyncs). A passive checkpoint never blocks the writer; when
 * the writer is so busy that the log keeps growing past {@link #RESTART_PAGES}, one checkpoint
 * takes the write lock and starts the log again from its beginning.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
  /** How often the log is copied back. */
  static final long INTERVAL_MILLIS = 250;
  /** Log size (pages of 4 KiB: 64 MiB) past which the writer is held once to restart the log. */
  static final int RESTART_PAGES = 16_384;

  private final Connection connection;
  private final Lock writeLock;
  private final Thread thread;
  private volatile boolean running = true;

  WalCheckpointer(JdbcTarget target, Lock writeLock) throws SQLException {
    this.connection = DriverManager.getConnection(target.url(), target.properties());
    this.writeLock = writeLock;
    this.thread = new Thread(this::run, "pulse-db-checkpoint");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    while (running) {
      try {
        Thread.sleep(INTERVAL_MILLIS);
        int logPages = checkpoint("PASSIVE");
        if (logPages > RESTART_PAGES) {
          writeLock.lock();
          try {
            checkpoint("TRUNCATE");
          } finally {
            writeLock.unlock();
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (SQLException e) {
        // the next round tries again; the log only grows meanwhile
        log.warn("WAL checkpoint failed: {}", e.toString());
      }
    }
  }

  /** Runs one checkpoint; returns the pages left in the log. */
  private int checkpoint(String mode) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
      rs.next();
      // columns: busy, pages in the log, pages checkpointed
      return rs.getInt(2);
    }
  }

  /** Stops, and leaves the log copied back and truncated (the caller holds no transaction). */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
      checkpoint("TRUNCATE");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      log.warn("final WAL checkpoint failed (the log is replayed on the next start): {}", e.toString());
    } finally {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }
}
