package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.EmbeddedServerTest;
import dev.pulse.server.testing.RawHttp;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is slowed per account and client address with growing delays, without
 * locking the owner out from elsewhere; successful logins never count; X-Forwarded-For is
 * believed only from a trusted proxy.
 */
class LoginThrottleTest extends EmbeddedServerTest {
  static final String WRONG = "not-the-password";

  @Override
  protected Map<String, String> env() {
    return Map.of("LOGIN_FREE_FAILURES", "3", "LOGIN_DELAY_MS", "600000", "TRUSTED_PROXIES", "127.0.0.3");
  }

  @Test
  void wrongPasswordsFromOneAddressDoNotLockTheOwnerOutElsewhere() throws IOException {
    String alice = Api.uniqueName("alice");
    api.register(alice);
    for (int i = 0; i < 3; i++) {
      assertThat(login("127.0.0.2", alice, WRONG).status()).isEqualTo(401);
    }
    RawHttp.Response slowed = login("127.0.0.2", alice, Api.PASSWORD);
    assertThat(slowed.status()).as(slowed.body()).isEqualTo(429);
    assertThat(new JsonObject(slowed.body()).getJsonObject("error").getString("message"))
        .isEqualTo("Too many failed logins for this account from this address; try again in 600 s");
    assertThat(RawHttp.header(slowed, "Retry-After")).isEqualTo("600");
    // the owner, somewhere else, logs in at once
    RawHttp.Response owner = login("127.0.0.1", alice, Api.PASSWORD);
    assertThat(owner.status()).as(owner.body()).isEqualTo(200);
    assertThat(api.metrics()).contains("pulse_rate_limited_total{kind=\"login\"} 1.0");
  }

  @Test
  void delaysGrowWithEachFailureAndASuccessClearsThem() throws Exception {
    restartWith(Map.of("LOGIN_FREE_FAILURES", "1", "LOGIN_DELAY_MS", "1000"));
    String bob = Api.uniqueName("bob");
    api.register(bob);
    assertThat(api.login(bob, WRONG).status()).isEqualTo(401);
    for (String expectedWait : new String[] {"1", "2", "4"}) {
      Api.Response early = api.login(bob, WRONG);
      assertThat(early.status()).as(early.text()).isEqualTo(429);
      assertThat(early.raw().headers().firstValue("Retry-After")).hasValue(expectedWait);
      // refused attempts are not failures: once the delay is over the next one is checked
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
          .until(() -> api.login(bob, WRONG).status() == 401);
    }
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
        .until(() -> api.login(bob, Api.PASSWORD).status() == 200);
    // the success cleared the count: one failure is free again
    assertThat(api.login(bob, WRONG).status()).isEqualTo(401);
  }

  @Test
  void successfulLoginsAreNeverCountedAgainstTheAddress() throws Exception {
    restartWith(Map.of("LOGIN_FAILURES_PER_ADDRESS", "3"));
    String carol = Api.uniqueName("carol");
    api.register(carol);
    for (int i = 0; i < 40; i++) {
      Api.Response ok = api.login(carol, Api.PASSWORD);
      assertThat(ok.status()).as("login %d: %s", i, ok.text()).isEqualTo(200);
    }
    // failures on any accounts do count for the address
    for (int i = 0; i < 3; i++) {
      assertThat(api.login(Api.uniqueName("nobody"), WRONG).status()).isEqualTo(401);
    }
    Api.Response refused = api.login(carol, Api.PASSWORD);
    assertThat(refused.status()).as(refused.text()).isEqualTo(429);
    assertThat(refused.json().getJsonObject("error").getString("message"))
        .startsWith("Too many failed logins from this address; try again in ");
  }

  @Test
  void forwardedForIsBelievedOnlyFromATrustedProxy() throws IOException {
    String dave = Api.uniqueName("dave");
    api.register(dave);
    // through the proxy (127.0.0.3): the client is the address it forwards
    for (int i = 0; i < 3; i++) {
      assertThat(viaProxy("127.0.0.3", "203.0.113.5", dave, WRONG).status()).isEqualTo(401);
    }
    assertThat(viaProxy("127.0.0.3", "203.0.113.5", dave, WRONG).status()).isEqualTo(429);
    assertThat(viaProxy("127.0.0.3", "203.0.113.6", dave, Api.PASSWORD).status()).isEqualTo(200);
    // a peer that is no trusted proxy cannot pose as another client: the header is ignored
    for (int i = 0; i < 3; i++) {
      assertThat(viaProxy("127.0.0.4", "198.51.100." + i, dave, WRONG).status()).isEqualTo(401);
    }
    assertThat(viaProxy("127.0.0.4", "198.51.100.99", dave, WRONG).status()).isEqualTo(429);
  }

  private RawHttp.Response login(String from, String username, String password) throws IOException {
    return viaProxy(from, null, username, password);
  }

  private RawHttp.Response viaProxy(String from, String forwardedFor, String username, String password)
      throws IOException {
    return RawHttp.send(from, server.port(), "POST", "/api/auth/login",
        forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", "10.9.9.9, " + forwardedFor),
        new JsonObject().put("username", username).put("password", password).encode());
  }
}
