package dev.pulse.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.EmbeddedServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The online count under many users coming and going at once: it ends up exact (REST, the live
 * updates and the list of users agree), and no client gets updates faster than the interval.
 */
class OnlineCountTest extends EmbeddedServerTest {
  static final long GRACE_MS = 200;
  static final long INTERVAL_MS = 250;
  // the client stamps events on its own event thread, which may run a little late when many
  // sockets share it; updates sent without coalescing would arrive milliseconds apart
  static final long CLIENT_JITTER_MS = 50;

  ExecutorService pool;
  final List<Client> clients = new ArrayList<>();

  @Override
  protected Map<String, String> env() {
    return Map.of(
        "PRESENCE_GRACE_MS", String.valueOf(GRACE_MS),
        "ONLINE_COUNT_INTERVAL_MS", String.valueOf(INTERVAL_MS));
  }

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(16);
  }

  @AfterEach
  void closeClients() throws InterruptedException {
    synchronized (clients) {
      clients.forEach(Client::close);
    }
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void onlineCountStaysAccurate() throws Exception {
    List<String> names = IntStream.range(0, 120).mapToObj(i -> Api.uniqueName("u")).toList();
    List<String> tokens = all(names.stream().map(n -> (Callable<String>) () -> api.register(n)).toList());
    String watcher = Api.uniqueName("watcher");
    Client observer = track(Client.connect(server.baseUrl(), api.register(watcher)));

    List<Client> first = connectAll(tokens.subList(0, 100));
    awaitLastCount(observer, 101);

    // 50 leave while 20 others arrive, all at once
    List<Callable<Client>> churn = new ArrayList<>();
    first.subList(0, 50).forEach(c -> churn.add(() -> {
      c.close();
      return null;
    }));
    tokens.subList(100, 120).forEach(t -> churn.add(() -> track(Client.connect(server.baseUrl(), t))));
    all(churn);

    Set<String> expected = new HashSet<>(names.subList(50, 120));
    expected.add(watcher);
    awaitLastCount(observer, expected.size());
    // settled: every grace period has ended and a further update would have been flushed
    PresenceTest.sleep(GRACE_MS + INTERVAL_MS + 300);
    assertThat(lastCount(observer)).isEqualTo(71);
    String token = tokens.get(119);
    assertThat(api.get("/api/users/online-status/count", token).json().getInteger("count")).isEqualTo(71);
    JsonObject users = api.get("/api/users/online-status/users", token).json();
    assertThat(users.getInteger("count")).isEqualTo(71);
    JsonArray list = users.getJsonArray("users");
    Set<String> listed = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      listed.add(list.getJsonObject(i).getString("username"));
    }
    assertThat(list.size()).as("no user listed twice").isEqualTo(listed.size());
    assertThat(listed).isEqualTo(expected);
  }

  @Test
  void onlineCountIsCoalesced() throws Exception {
    List<String> tokens = all(IntStream.range(0, 40)
        .mapToObj(i -> (Callable<String>) () -> api.register(Api.uniqueName("u"))).toList());
    Client observer = track(Client.connect(server.baseUrl(), api.register(Api.uniqueName("watcher"))));
    awaitLastCount(observer, 1);

    List<Client> burst = connectAll(tokens);
    List<Callable<Client>> leaving = new ArrayList<>();
    burst.subList(0, 20).forEach(c -> leaving.add(() -> {
      c.close();
      return null;
    }));
    all(leaving);
    awaitLastCount(observer, 21);
    PresenceTest.sleep(GRACE_MS + INTERVAL_MS + 300);

    assertThat(lastCount(observer)).isEqualTo(21);
    assertThat(api.get("/api/users/online-status/count", tokens.get(39)).json().getInteger("count")).isEqualTo(21);
    // the count moved several times while the observer watched, so its gaps say something
    assertThat(observer.received("online_count_update").size()).isGreaterThanOrEqualTo(3);
    List<Client> everyone = new ArrayList<>(burst);
    everyone.add(observer);
    for (int n = 0; n < everyone.size(); n++) {
      List<Client.Event> updates = everyone.get(n).received("online_count_update");
      for (int i = 1; i < updates.size(); i++) {
        long gap = updates.get(i).atMillis() - updates.get(i - 1).atMillis();
        assertThat(gap).as("ms between online_count_update %d and %d of client %d", i - 1, i, n)
            .isGreaterThanOrEqualTo(INTERVAL_MS - CLIENT_JITTER_MS);
      }
    }
  }

  private Client track(Client client) {
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  /** Connects one client per token from the pool threads, all at once; waits for every one. */
  private List<Client> connectAll(List<String> tokens) throws Exception {
    return all(tokens.stream().map(t -> (Callable<Client>) () -> track(Client.connect(server.baseUrl(), t))).toList());
  }

  private <T> List<T> all(List<Callable<T>> tasks) throws Exception {
    List<T> results = new ArrayList<>();
    for (Future<T> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
      results.add(f.get());
    }
    return results;
  }

  private static int lastCount(Client c) {
    List<Client.Event> updates = c.received("online_count_update");
    return updates.isEmpty() ? -1 : updates.get(updates.size() - 1).payload().getInteger("count");
  }

  /** Waits until the client's latest online_count_update says {@code expected}. */
  private static void awaitLastCount(Client c, int expected) {
    long deadline = System.currentTimeMillis() + Client.WAIT.toMillis();
    while (lastCount(c) != expected) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("online_count_update never settled on " + expected + "; got "
            + c.received("online_count_update").stream().map(e -> e.payload().getInteger("count")).toList());
      }
      PresenceTest.sleep(20);
    }
  }
}
