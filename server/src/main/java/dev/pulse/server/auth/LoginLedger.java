package dev.pulse.server.auth;

import io.vertx.core.Future;

/**
 * Failed logins, counted per key (an account at an address, or an address), where every node of a
 * cluster sees them. A key's count is forgotten once {@code windowMillis} pass without a new failure.
 */
public interface LoginLedger {
  /** Failures under a key: how many, and when the last was (epoch ms); {@link #NONE} for none. */
  record Failures(int count, long lastMillis) {}

  Failures NONE = new Failures(0, 0);

  /** The failures under {@code keys}, in their order. */
  Future<Failures[]> read(String... keys);

  /** Counts a failure under each of {@code keys} at {@code nowMillis}. */
  Future<Void> failed(long nowMillis, long windowMillis, String... keys);

  /** Forgets the failures under {@code key}. */
  Future<Void> clear(String key);
}
