package dev.pulse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.socketio.redis.RedisPubSub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shared token buckets, as two nodes use them through the real Redis. */
class RedisRateLimitsTest {
  private final Vertx vertx = Vertx.vertx();
  private final RedisPubSub nodeA = RedisPubSub.create(vertx, vertx.getOrCreateContext(), RedisPresenceTest.REDIS);
  private final RedisPubSub nodeB = RedisPubSub.create(vertx, vertx.getOrCreateContext(), RedisPresenceTest.REDIS);
  private final String prefix = "test-rate-" + UUID.randomUUID();
  private final RedisRateLimits a = new RedisRateLimits(nodeA, prefix);
  private final RedisRateLimits b = new RedisRateLimits(nodeB, prefix);

  @AfterEach
  void stop() throws Exception {
    await(nodeA.close());
    await(nodeB.close());
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void burstIsSharedByEveryNode() throws Exception {
    long now = 1_000_000;
    int taken = 0;
    for (int i = 0; i < 10; i++) {
      RedisRateLimits node = i % 2 == 0 ? a : b;
      if (await(node.take("messages", "ann", 60, 4, now)) == 0) {
        taken++;
      }
    }
    assertThat(taken).isEqualTo(4);
    assertThat(await(a.take("messages", "bob", 60, 4, now))).as("another user's bucket").isZero();
  }

  @Test
  void refusalSaysWhenToRetryAndTheBucketRefills() throws Exception {
    long now = 5_000_000;
    assertThat(await(a.take("typing", "ann", 60, 1, now))).isZero();
    long wait = await(b.take("typing", "ann", 60, 1, now));
    assertThat(wait).isBetween(999L, 1_000L);
    assertThat(await(b.take("typing", "ann", 60, 1, now + 1_000))).isZero();
  }
}
