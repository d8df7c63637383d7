package dev.pulse.server.cluster;

import dev.pulse.server.calls.CallStore;
import dev.pulse.server.calls.CallStoreContract;
import dev.pulse.socketio.redis.RedisPubSub;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * The cluster's call store keeps the {@link CallStoreContract}, against the real Redis at
 * 127.0.0.1:6379 ({@code -Dpulse.test.redis=...} for another); each test has its own key prefix.
 */
class RedisCallStoreTest extends CallStoreContract {
  static final String REDIS = System.getProperty("pulse.test.redis", "redis://127.0.0.1:6379");

  private final Vertx vertx = Vertx.vertx();
  private final RedisPubSub redis = RedisPubSub.create(vertx, vertx.getOrCreateContext(), REDIS);
  private final String prefix = "test-calls-" + UUID.randomUUID();

  @Override
  protected CallStore store() {
    return new RedisCallStore(redis, prefix);
  }

  @AfterEach
  void stop() throws Exception {
    List<String> keys = await(redis.send(Request.cmd(Command.KEYS).arg(prefix + "*")).map(r -> {
      List<String> list = new ArrayList<>();
      r.forEach(k -> list.add(k.toString()));
      return list;
    }));
    if (!keys.isEmpty()) {
      Request del = Request.cmd(Command.DEL);
      keys.forEach(del::arg);
      await(redis.send(del));
    }
    await(redis.close());
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
