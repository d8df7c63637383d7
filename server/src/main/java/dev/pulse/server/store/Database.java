package dev.pulse.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pulse.server.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and schema. JDBC blocks, so every use goes through {@link #read},
 * {@link #run} or {@link #tx}, which run on Vert.x worker threads and complete back on the
 * caller's event loop.
 *
 * <p>SQLite has one writer at a time. Rather than let writers collide and wait in SQLite's busy
 * handler (which polls, and can starve a REST write behind a stream of message commits), every
 * piece of work that may write takes one fair in-process lock first: writes queue in arrival
 * order, each waits at most for the work queued before it, and none fails with SQLITE_BUSY.
 * {@link #read} takes no lock: in WAL mode readers see the last commit and never wait. On
 * PostgreSQL the lock is not used.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  /**
   * How long an SQLite connection waits for a lock held outside this process's write order
   * (a final checkpoint, a reader finishing while the log is restarted) before failing.
   */
  static final int BUSY_TIMEOUT_MILLIS = 5_000;
  /** How long {@link #close} waits for work already handed to worker threads. */
  static final long CLOSE_WAIT_MILLIS = 10_000;

  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private final Vertx vertx;
  private final HikariDataSource pool;
  private final String description;
  private final boolean serializeWrites;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final WalCheckpointer checkpointer;
  // work handed to worker threads and not finished: close() waits for it
  private final AtomicInteger inFlight = new AtomicInteger();

  private Database(Vertx vertx, HikariDataSource pool, JdbcTarget target) throws SQLException {
    this.vertx = vertx;
    this.pool = pool;
    this.description = target.description();
    this.serializeWrites = target.dialect() == Dialect.SQLITE;
    this.checkpointer = serializeWrites ? new WalCheckpointer(target, writeLock) : null;
  }

  /** Opens the pool and migrates the schema (blocking: call before serving). */
  public static Database open(Vertx vertx, Config config) {
    JdbcTarget target = JdbcTarget.of(config);
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(target.url());
    if (target.user() != null) {
      hikari.setUsername(target.user());
    }
    if (target.password() != null) {
      hikari.setPassword(target.password());
    }
    hikari.setDataSourceProperties(target.properties());
    hikari.setMaximumPoolSize(config.dbPoolSize());
    hikari.setPoolName("pulse-db");
    hikari.setAutoCommit(true);
    HikariDataSource pool = new HikariDataSource(hikari);
    try {
      Flyway.configure().dataSource(pool).locations(target.dialect().migrations).load().migrate();
      Database db = new Database(vertx, pool, target);
      log.info("database {} ready", target.description());
      return db;
    } catch (RuntimeException | SQLException e) {
      pool.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot open the database", e);
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  public String description() {
    return description;
  }

  /** Runs read-only {@code work} on a worker thread; it never waits for writes. */
  public <T> Future<T> read(Work<T> work) {
    return onWorker(() -> {
      try (Connection c = pool.getConnection()) {
        return work.apply(c);
      }
    });
  }

  /** Runs {@code work}, which may write, on a worker thread with auto-commit on. */
  public <T> Future<T> run(Work<T> work) {
    return onWorker(() -> {
      lockWrites();
      try (Connection c = pool.getConnection()) {
        return work.apply(c);
      } finally {
        unlockWrites();
      }
    });
  }

  /** Runs {@code work} in one transaction on a worker thread. */
  public <T> Future<T> tx(Work<T> work) {
    return onWorker(() -> inTransaction(work));
  }

  private <T> Future<T> onWorker(Callable<T> task) {
    inFlight.incrementAndGet();
    return vertx.executeBlocking(() -> {
      try {
        return task.call();
      } finally {
        inFlight.decrementAndGet();
      }
    }, false);
  }

  /** Runs {@code work} in one transaction on the calling thread (which must be allowed to block). */
  public <T> T inTransaction(Work<T> work) throws SQLException {
    lockWrites();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } finally {
      unlockWrites();
    }
  }

  private void lockWrites() {
    if (serializeWrites) {
      writeLock.lock();
    }
  }

  private void unlockWrites() {
    if (serializeWrites) {
      writeLock.unlock();
    }
  }

  /** Waits (a while) for work already handed to worker threads, then closes the pool. */
  @Override
  public void close() {
    long deadline = System.currentTimeMillis() + CLOSE_WAIT_MILLIS;
    while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (inFlight.get() > 0) {
      log.warn("closing the database with {} queries still running", inFlight.get());
    }
    if (checkpointer != null) {
      checkpointer.close();
    }
    pool.close();
    log.info("database closed");
  }
}
