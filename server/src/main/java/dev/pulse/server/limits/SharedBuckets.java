package dev.pulse.server.limits;

import io.vertx.core.Future;

/**
 * Token buckets kept where every node of a cluster sees them, so a user cannot multiply a limit by
 * spreading over nodes.
 */
public interface SharedBuckets {
  /**
   * Takes a token of {@code kind} for {@code key} from a bucket refilled at {@code perMinute} that
   * holds at most {@code burst}; gives 0 when taken, else the milliseconds until one is there.
   */
  Future<Long> take(String kind, String key, double perMinute, int burst, long nowMillis);
}
