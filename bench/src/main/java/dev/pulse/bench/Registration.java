package dev.pulse.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;

/**
 * Creates the run's users through {@code POST /api/auth/register} with a bounded number of
 * requests in flight. Names are {@code b<run>u<i>}: a fresh random run tag keeps a reused
 * database (PostgreSQL) from answering 409 for names an earlier run took. Runs on the event loop.
 */
final class Registration {
  /** A registered user: their name and the token to connect with. */
  record User(String username, String token) {}

  static final int KEEP_ALIVE_SECONDS = 2;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String[] CITIES = {"Pune", "Mumbai", "Chennai", "Kolkata", "Jaipur"};

  private final HttpClientAgent http;
  private final int concurrency;
  private final String runTag;

  Registration(Vertx vertx, String host, int port, int concurrency) {
    this.concurrency = concurrency;
    // kept for the whole registration: Vert.x closes a client once it is garbage collected. An
    // idle connection is dropped before the server's own keep-alive timeout (Node: 5 s) could
    // close it just as a request goes out on it.
    this.http = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true)
            .setKeepAliveTimeout(KEEP_ALIVE_SECONDS),
        new PoolOptions().setHttp1MaxSize(concurrency));
    this.runTag = randomTag(new SecureRandom(), 4);
  }

  static String randomTag(Random random, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  static String username(String runTag, int i) {
    return "b" + runTag + "u" + i;
  }

  String runTag() {
    return runTag;
  }

  /** Registers {@code count} users; the list is in index order. */
  Future<List<User>> registerAll(int count) {
    User[] users = new User[count];
    return Bounded.run(count, concurrency, i -> register(i).map(user -> users[i] = user))
        .map(v -> List.of(users));
  }

  private Future<User> register(int i) {
    String username = username(runTag, i);
    JsonObject body = new JsonObject()
        .put("username", username)
        .put("password", "bench-password-" + runTag)
        .put("displayName", "Bench User " + i)
        .put("gender", i % 2 == 0 ? "female" : "male")
        .put("dateOfBirth", "1994-0" + (1 + i % 9) + "-1" + (i % 10))
        .put("city", CITIES[i % CITIES.length])
        .put("religion", "Hindu");
    return http.request(HttpMethod.POST, "/api/auth/register")
        .compose(req -> req.putHeader("content-type", "application/json").send(body.toBuffer()))
        .compose(resp -> resp.body().compose(buf -> {
          if (resp.statusCode() != 201) {
            return Future.failedFuture("register " + username + ": HTTP " + resp.statusCode() + " " + buf);
          }
          return Future.succeededFuture(new User(username, buf.toJsonObject().getString("token")));
        }));
  }

  Future<Void> close() {
    return http.close();
  }
}
