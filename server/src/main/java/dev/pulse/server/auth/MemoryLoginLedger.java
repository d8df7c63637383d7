package dev.pulse.server.auth;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** A single node's {@link LoginLedger}, in memory. Event loop only. */
public final class MemoryLoginLedger implements LoginLedger {
  /** Entries kept before the expired ones are swept (protects memory from username sprays). */
  static final int SWEEP_AT = 100_000;

  private record Entry(Failures failures, long expiresAt) {}

  private final Map<String, Entry> entries = new HashMap<>();
  private final LongSupplier clock;

  public MemoryLoginLedger(LongSupplier clockMillis) {
    this.clock = clockMillis;
  }

  @Override
  public Future<Failures[]> read(String... keys) {
    long now = clock.getAsLong();
    Failures[] found = new Failures[keys.length];
    for (int i = 0; i < keys.length; i++) {
      Entry e = entries.get(keys[i]);
      found[i] = e == null || e.expiresAt <= now ? NONE : e.failures;
    }
    return Future.succeededFuture(found);
  }

  @Override
  public Future<Void> failed(long nowMillis, long windowMillis, String... keys) {
    if (entries.size() >= SWEEP_AT) {
      entries.values().removeIf(e -> e.expiresAt <= nowMillis);
    }
    for (String key : keys) {
      Entry e = entries.get(key);
      int count = e == null || e.expiresAt <= nowMillis ? 1 : e.failures.count() + 1;
      entries.put(key, new Entry(new Failures(count, nowMillis), nowMillis + windowMillis));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> clear(String key) {
    entries.remove(key);
    return Future.succeededFuture();
  }
}
