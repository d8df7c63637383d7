package dev.pulse.server.realtime;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;

/** A single node's {@link SocketSlots}, in memory. Event loop only. */
public final class LocalSocketSlots implements SocketSlots {
  private final Map<String, Integer> open = new HashMap<>();

  @Override
  public Future<Boolean> claim(String user, int max) {
    int now = open.getOrDefault(user, 0);
    if (now >= max) {
      return Future.succeededFuture(false);
    }
    open.put(user, now + 1);
    return Future.succeededFuture(true);
  }

  @Override
  public void release(String user) {
    open.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
  }
}
