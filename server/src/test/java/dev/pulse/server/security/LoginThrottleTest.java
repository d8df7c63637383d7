package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Password guessing is slowed per username and per client address, with a clear retry time. */
class LoginThrottleTest extends ServerTest {
  static final int FAILURES_PER_USER = 3;
  static final int ATTEMPTS_PER_IP = 5;
  /** LOGIN_WINDOW_MINUTES' default: no wait can be longer. */
  static final long WINDOW_SECONDS = 15 * 60;

  @Override
  protected Map<String, String> env() {
    return Map.of(
        "LOGIN_FAILURES_PER_USER", Integer.toString(FAILURES_PER_USER),
        "LOGIN_ATTEMPTS_PER_IP", Integer.toString(ATTEMPTS_PER_IP));
  }

  @Test
  void wrongPasswordsLockOnlyThatUsername() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    api.register(alice);
    api.register(bob);
    for (int i = 0; i < FAILURES_PER_USER; i++) {
      Api.Response wrong = api.login(alice, "not-the-password");
      assertThat(wrong.status()).as(wrong.text()).isEqualTo(401);
      assertThat(wrong.errorCode()).isEqualTo("unauthorized");
    }
    Api.Response locked = api.login(alice, Api.PASSWORD);
    long retryAfter = assertRateLimited(locked);
    assertThat(locked.json().getJsonObject("error").getString("message"))
        .isEqualTo("Too many failed logins for this username; try again in " + retryAfter + " s");
    // the same account under another spelling of its name is the same account
    assertRateLimited(api.login(alice.toUpperCase(), Api.PASSWORD));

    Api.Response other = api.login(bob, Api.PASSWORD);
    assertThat(other.status()).as(other.text()).isEqualTo(200);
    assertThat(other.json().getString("token")).isNotBlank();
    // both refusals are counted for operators
    assertThat(api.metrics()).contains("pulse_rate_limited_total{kind=\"login\"} 2.0");
  }

  @Test
  void tooManyAttemptsFromOneAddressAreRefused() throws IOException {
    // a different username each time, so that only the per-address limit can apply
    List<String> names = new ArrayList<>();
    for (int i = 0; i <= ATTEMPTS_PER_IP; i++) {
      names.add(Api.uniqueName("user"));
      api.register(names.get(i));
    }
    for (int i = 0; i < ATTEMPTS_PER_IP; i++) {
      // successful logins count as attempts too
      Api.Response ok = api.login(names.get(i), Api.PASSWORD);
      assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    }
    String last = names.get(ATTEMPTS_PER_IP);
    Api.Response refused = api.login(last, Api.PASSWORD);
    long retryAfter = assertRateLimited(refused);
    assertThat(refused.json().getJsonObject("error").getString("message"))
        .isEqualTo("Too many login attempts from this address; try again in " + retryAfter + " s");

    // the limit is this address's: the same login from another loopback address works
    String reply = loginFrom("127.0.0.2", last, Api.PASSWORD);
    assertThat(reply).startsWith("HTTP/1.1 200");
    assertRateLimited(api.login(last, Api.PASSWORD));
  }

  /** Checks a 429 rate_limited reply with a sensible Retry-After, and returns its seconds. */
  private static long assertRateLimited(Api.Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(429);
    assertThat(r.errorCode()).isEqualTo("rate_limited");
    String header = r.raw().headers().firstValue("Retry-After").orElse(null);
    assertThat(header).as("Retry-After").isNotNull();
    long seconds = Long.parseLong(header);
    assertThat(seconds).isBetween(1L, WINDOW_SECONDS);
    return seconds;
  }

  /**
   * A login over a plain socket bound to {@code localAddress} (the JDK HttpClient on Java 17
   * cannot choose its source address); returns the raw response.
   */
  private String loginFrom(String localAddress, String username, String password) throws IOException {
    byte[] body = new JsonObject().put("username", username).put("password", password).encode()
        .getBytes(StandardCharsets.UTF_8);
    String head = "POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
