package dev.pulse.server.cluster;

import dev.pulse.server.limits.SharedBuckets;
import dev.pulse.socketio.redis.RedisPubSub;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Token buckets shared by every node, so a user cannot multiply a limit by spreading over nodes,
 * and a bucket outlives its user's connections (reconnecting gives no fresh burst). One atomic
 * script per take; a bucket costs a Redis key only while it is not full.
 */
public final class RedisRateLimits implements SharedBuckets {
  private static final String TAKE = LuaScripts.load("rate_take");

  private final RedisPubSub redis;
  private final String prefix;

  public RedisRateLimits(RedisPubSub redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix + ":rate:";
  }

  /**
   * Takes a token of {@code kind} for {@code key} (a user, an address) from a bucket refilled at
   * {@code perMinute} and holding at most {@code burst}; the future gives 0 when taken, else the
   * milliseconds until one is there.
   */
  @Override
  public Future<Long> take(String kind, String key, double perMinute, int burst, long nowMillis) {
    double interval = 60_000.0 / perMinute;
    return redis.send(Request.cmd(Command.EVAL).arg(TAKE).arg(1).arg(prefix + kind + ":" + key)
        .arg(nowMillis).arg(String.valueOf(interval)).arg(burst)).map(Response::toLong);
  }
}
