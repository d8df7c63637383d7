package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.EmbeddedServerTest;
import dev.pulse.server.testing.RawHttp;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Sign-ups are limited per client address, and a flood of them (bcrypt at its production cost)
 * neither slows the health check nor logins: hashing has its own few threads and takes no
 * database connection.
 */
class RegistrationFloodTest extends EmbeddedServerTest {
  static final int FLOOD = 100;

  @Override
  protected Map<String, String> env() {
    return Map.of("REGISTRATIONS_PER_HOUR", "10", "REGISTRATION_BURST", "3");
  }

  @Test
  void registrationsPerAddressAreLimited() throws Exception {
    List<RawHttp.Response> replies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      replies.add(register("127.0.0.2", Api.uniqueName("spam")));
    }
    assertThat(replies).extracting(RawHttp.Response::status).containsExactly(201, 201, 201, 429, 429);
    JsonObject error = new JsonObject(replies.get(3).body()).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("rate_limited");
    // one more every 6 minutes
    assertThat(error.getString("message"))
        .matches("Too many registrations: at most 3 at once and 10 per hour; retry in 3[0-6][0-9] s");
    assertThat(RawHttp.header(replies.get(3), "Retry-After")).matches("3[0-6][0-9]");
    // another address has its own budget
    assertThat(register("127.0.0.3", Api.uniqueName("fine")).status()).isEqualTo(201);
  }

  @Test
  void healthAndLoginsStayFastDuringASignUpFlood() throws Exception {
    // a flood from many addresses at once (no per-address limit applies), at the production cost
    restartWith(Map.of("BCRYPT_COST", "10", "REGISTRATIONS_PER_HOUR", "1000000", "REGISTRATION_BURST", "1000000"));
    String regular = Api.uniqueName("regular");
    api.register(regular);
    ExecutorService pool = Executors.newFixedThreadPool(FLOOD);
    AtomicBoolean flooding = new AtomicBoolean(true);
    try {
      List<CompletableFuture<Integer>> signUps = new ArrayList<>();
      for (int i = 0; i < FLOOD; i++) {
        String name = Api.uniqueName("flood");
        signUps.add(CompletableFuture.supplyAsync(() -> {
          try {
            return register("127.0.0.1", name).status();
          } catch (Exception e) {
            System.out.println("sign-up failed: " + e);
            return -1;
          }
        }, pool));
      }
      CompletableFuture<Void> all = CompletableFuture.allOf(signUps.toArray(CompletableFuture[]::new))
          .whenComplete((v, e) -> flooding.set(false));
      List<Long> health = new ArrayList<>();
      List<Long> logins = new ArrayList<>();
      while (flooding.get()) {
        long t0 = System.nanoTime();
        Api.Response h = api.get("/health", null);
        health.add((System.nanoTime() - t0) / 1_000_000);
        assertThat(h.status()).isEqualTo(200);
        long t1 = System.nanoTime();
        Api.Response login = api.login(regular, Api.PASSWORD);
        logins.add((System.nanoTime() - t1) / 1_000_000);
        assertThat(login.status()).as(login.text()).isEqualTo(200);
      }
      all.get(2, TimeUnit.MINUTES);
      List<Integer> statuses = signUps.stream().map(CompletableFuture::join).toList();
      System.out.printf("sign-up flood (%s): %d health checks, max %d ms; %d logins, max %d ms; statuses %s%n",
          backend, health.size(), health.stream().mapToLong(x -> x).max().orElse(0), logins.size(),
          logins.stream().mapToLong(x -> x).max().orElse(0),
          statuses.stream().distinct().map(s -> s + "x" + statuses.stream().filter(s::equals).count()).toList());
      // every sign-up either succeeded or was told the server is busy; none failed otherwise
      assertThat(statuses).allMatch(s -> s == 201 || s == 503);
      assertThat(statuses).contains(201);
      assertThat(health).isNotEmpty();
      // bounds with room for a busy machine: with hashing inside a database connection, the
      // health check waited for the whole flood (16 s for 100 sign-ups at this cost)
      assertThat(health.stream().mapToLong(x -> x).max().orElseThrow()).as("slowest /health, ms").isLessThan(5_000);
      assertThat(logins.stream().mapToLong(x -> x).max().orElseThrow()).as("slowest login, ms").isLessThan(10_000);
    } finally {
      pool.shutdownNow();
    }
  }

  private RawHttp.Response register(String from, String username) throws Exception {
    return RawHttp.send(from, server.port(), "POST", "/api/auth/register", Map.of(), new JsonObject()
        .put("username", username).put("password", Api.PASSWORD).put("displayName", "User " + username)
        .put("gender", "female").put("dateOfBirth", "1995-05-17").put("city", "Pune").put("religion", "Hindu")
        .encode());
  }
}
