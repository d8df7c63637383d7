package dev.pulse.server.auth;

import dev.pulse.server.core.DomainException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where passwords are hashed or checked: a few threads of their own ({@code PASSWORD_HASH_THREADS}),
 * so that a flood uses those and not the database's connections or the workers that serve everyone
 * else, and a bounded queue ({@code PASSWORD_HASH_QUEUE_MAX}) past which a request is refused at
 * once with "busy" instead of waiting minutes. Sign-ups and logins each have their own, so that a
 * sign-up flood does not hold up people logging in.
 */
public final class PasswordWork {
  private final PasswordHasher hasher;
  private final WorkerExecutor threads;
  private final int threadCount;
  private final int queueMax;
  private final AtomicInteger inFlight = new AtomicInteger();

  /** {@code name}: of its threads. */
  public PasswordWork(Vertx vertx, String name, PasswordHasher hasher, int threads, int queueMax) {
    this.hasher = hasher;
    this.threadCount = threads;
    this.queueMax = queueMax;
    this.threads = vertx.createSharedWorkerExecutor(name, threads);
  }

  public Future<String> hash(String password) {
    return run(() -> hasher.hash(password));
  }

  /** True when {@code password} matches {@code hash}; a null hash (no such user) takes as long and never matches. */
  public Future<Boolean> matches(String password, String hash) {
    return run(() -> hasher.matches(password, hash));
  }

  private <T> Future<T> run(Callable<T> work) {
    if (inFlight.incrementAndGet() > threadCount + queueMax) {
      inFlight.decrementAndGet();
      return Future.failedFuture(DomainException.unavailable(
          "The server is busy checking passwords; try again in a few seconds"));
    }
    return threads.executeBlocking(work, false).andThen(ar -> inFlight.decrementAndGet());
  }
}
