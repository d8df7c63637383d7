package dev.pulse.server.auth;

import dev.pulse.server.core.BoundedWorkers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Where passwords are hashed or checked: a few threads of their own ({@code PASSWORD_HASH_THREADS}),
 * so that a flood uses those and not the database's connections or the workers that serve everyone
 * else, and a bounded queue ({@code PASSWORD_HASH_QUEUE_MAX}) past which a request is refused at
 * once with "busy" instead of waiting minutes. Sign-ups and logins each have their own, so that a
 * sign-up flood does not hold up people logging in.
 */
public final class PasswordWork {
  private final PasswordHasher hasher;
  private final BoundedWorkers workers;

  /** {@code name}: of its threads. */
  public PasswordWork(Vertx vertx, String name, PasswordHasher hasher, int threads, int queueMax) {
    this.hasher = hasher;
    this.workers = new BoundedWorkers(vertx, name, threads, queueMax,
        "The server is busy checking passwords; try again in a few seconds");
  }

  public Future<String> hash(String password) {
    return workers.run(() -> hasher.hash(password));
  }

  /** True when {@code password} matches {@code hash}; a null hash (no such user) takes as long and never matches. */
  public Future<Boolean> matches(String password, String hash) {
    return workers.run(() -> hasher.matches(password, hash));
  }
}
