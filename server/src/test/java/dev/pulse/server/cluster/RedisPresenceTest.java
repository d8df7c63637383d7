package dev.pulse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.socketio.redis.RedisPubSub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster's presence rules, as two nodes see them through the real Redis at 127.0.0.1:6379
 * ({@code -Dpulse.test.redis=...} for another); each test has its own key prefix.
 */
class RedisPresenceTest {
  static final String REDIS = System.getProperty("pulse.test.redis", "redis://127.0.0.1:6379");
  private static final long GRACE = 3_000;

  private final Vertx vertx = Vertx.vertx();
  private final RedisPubSub redis = RedisPubSub.create(vertx, vertx.getOrCreateContext(), REDIS);
  private final String prefix = "test-presence-" + UUID.randomUUID();
  private final RedisPresence a = new RedisPresence(redis, prefix, "node-a");
  private final RedisPresence b = new RedisPresence(redis, prefix, "node-b");

  @AfterEach
  void stop() throws Exception {
    deleteKeys();
    await(redis.close());
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Removes this test's keys, as a Redis restart would. */
  private void deleteKeys() throws Exception {
    List<String> keys = await(redis.send(Request.cmd(Command.KEYS).arg(prefix + "*"))
        .map(r -> {
          List<String> list = new ArrayList<>();
          r.forEach(k -> list.add(k.toString()));
          return list;
        }));
    if (!keys.isEmpty()) {
      Request del = Request.cmd(Command.DEL);
      keys.forEach(del::arg);
      await(redis.send(del));
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void firstSocketAnywhereIsAnnouncedOnce() throws Exception {
    assertThat(await(a.connected("ann"))).isTrue();
    assertThat(await(b.connected("ann"))).isFalse();
    assertThat(await(a.connected("ann"))).isFalse();
    assertThat(await(a.count())).isEqualTo(1);
  }

  @Test
  void graceBeginsOnlyWhenTheLastSocketAnywhereCloses() throws Exception {
    await(a.connected("ann"));
    await(b.connected("ann"));
    assertThat(await(a.disconnected("ann", 1_000 + GRACE))).isFalse();
    assertThat(await(b.disconnected("ann", 1_000 + GRACE))).isTrue();
    assertThat(await(a.graceOver("ann", 1_000 + GRACE))).isTrue();
    assertThat(await(a.count())).isZero();
  }

  @Test
  void reloadOnAnotherNodeWithinGraceDoesNotFlashOffline() throws Exception {
    assertThat(await(a.connected("ann"))).isTrue();
    assertThat(await(a.disconnected("ann", 1_000 + GRACE))).isTrue();
    assertThat(await(b.connected("ann"))).as("back within grace: no new announcement").isFalse();
    assertThat(await(a.graceOver("ann", 1_000 + GRACE))).as("the old grace timer fires").isFalse();
    assertThat(await(b.online(List.of("ann", "bob")))).containsExactly("ann");
  }

  @Test
  void aLaterGracePeriodIsNotEndedByAnEarlierTimer() throws Exception {
    await(a.connected("ann"));
    await(a.disconnected("ann", 1_000));
    await(b.connected("ann"));
    await(b.disconnected("ann", 5_000));
    assertThat(await(a.graceOver("ann", 1_000))).isFalse();
    assertThat(await(a.dueGraces(4_999, 10))).isEmpty();
    assertThat(await(b.dueGraces(5_000, 10))).containsExactly("ann");
    assertThat(await(b.graceOver("ann", 5_000))).isTrue();
  }

  @Test
  void exactlyOneNodeTakesAUserOffline() throws Exception {
    await(a.connected("ann"));
    await(a.disconnected("ann", 1_000));
    List<Boolean> verdicts = await(Future.all(a.graceOver("ann", 2_000), b.graceOver("ann", 2_000),
        a.graceOver("ann", 2_000)).map(all -> List.of(all.<Boolean>resultAt(0), all.<Boolean>resultAt(1),
        all.<Boolean>resultAt(2))));
    assertThat(verdicts).containsExactlyInAnyOrder(true, false, false);
  }

  @Test
  void usersOfADeadNodeEnterGraceUnlessOnlineElsewhere() throws Exception {
    await(a.connected("ann"));
    await(b.connected("ann"));
    await(a.connected("bob"));
    await(a.heartbeat(0));
    await(b.heartbeat(RedisPresence.NODE_TTL_MILLIS + 1));

    List<String> dead = await(b.deadNodes(RedisPresence.NODE_TTL_MILLIS + 1));
    assertThat(dead).containsExactly("node-a");
    assertThat(await(b.reap("node-a", 20_000))).isEqualTo(2);
    assertThat(await(b.reap("node-a", 20_000))).as("reaped once").isZero();
    assertThat(await(b.dueGraces(20_000, 10))).containsExactly("bob");
    assertThat(await(b.graceOver("bob", 20_000))).isTrue();
    assertThat(await(b.onlineNames())).containsExactly("ann");
  }

  @Test
  void countIsExactUnderChurnAcrossNodes() throws Exception {
    Random random = new Random(42);
    Map<String, int[]> sockets = new HashMap<>(); // user -> sockets on a, b
    List<Future<?>> all = new ArrayList<>();
    for (int step = 0; step < 2_000; step++) {
      String user = "u" + random.nextInt(60);
      int[] s = sockets.computeIfAbsent(user, u -> new int[2]);
      int n = random.nextInt(2);
      RedisPresence ledger = n == 0 ? a : b;
      if (s[n] > 0 && random.nextBoolean()) {
        s[n]--;
        all.add(ledger.disconnected(user, 0));
      } else {
        s[n]++;
        all.add(ledger.connected(user));
      }
    }
    await(Future.all(all));
    // every grace period is over at once: those with no socket go offline
    for (String user : await(a.dueGraces(1, 1_000))) {
      await(a.graceOver(user, 1));
    }
    long expected = sockets.values().stream().filter(s -> s[0] + s[1] > 0).count();
    assertThat(await(a.count())).isEqualTo((int) expected);
    assertThat(Set.copyOf(await(b.onlineNames()))).hasSize((int) expected);
  }

  @Test
  void nodesWriteTheirPartBackAfterRedisLostEverything() throws Exception {
    await(a.connected("ann"));
    await(b.connected("bob"));
    await(b.disconnected("bob", 9_000));
    deleteKeys(); // as if Redis restarted empty
    RedisPresence a2 = new RedisPresence(redis, prefix, "node-a");
    RedisPresence b2 = new RedisPresence(redis, prefix, "node-b");
    assertThat(await(a2.count())).isZero();
    await(a2.restore(Map.of("ann", 1), Map.of(), 100));
    await(b2.restore(Map.of(), Map.of("bob", 9_000L), 100));
    assertThat(await(a2.count())).isEqualTo(2);
    assertThat(await(b2.graceOver("bob", 9_000))).isTrue();
    assertThat(await(a2.onlineNames())).containsExactly("ann");
  }
}
