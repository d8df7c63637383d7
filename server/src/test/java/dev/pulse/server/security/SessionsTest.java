package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Response;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.PulseFixture;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Sign-in sessions people control: logout ends one, "log out everywhere" all, a password change
 * the others, deleting the account everything; each end stops the tokens on REST and closes the
 * session's sockets at once. The refresh credential is an HttpOnly cookie, and a socket takes a
 * fresh token in band without reconnecting.
 */
class SessionsTest extends ServerTest {
  static final String COOKIE = "pulse_session";

  private static String sessionOf(String token) {
    return JWT.decode(token).getClaim("sid").asString();
  }

  private String login(String username) {
    Response r = api.login(username, Api.PASSWORD);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().getString("token");
  }

  private static void assertSessionEnded(Client client) {
    JsonObject error = client.await("error", e -> "session ended".equals(e.getString("message")));
    assertThat(error.getString("code")).isEqualTo("unauthorized");
    client.await("disconnect");
  }

  private void assertRefused(String token) {
    assertRefused(token, "Session ended");
  }

  private void assertRefused(String token, String why) {
    Response me = api.get("/api/me", token);
    assertThat(me.status()).as(me.text()).isEqualTo(401);
    assertThat(me.json().getJsonObject("error").getString("message")).isEqualTo(why);
  }

  @Test
  void logoutEndsThatSessionOnRestAndClosesItsSockets() throws Exception {
    String alice = Api.uniqueName("alice");
    String first = api.register(alice);
    String second = login(alice);
    assertThat(sessionOf(first)).isNotEqualTo(sessionOf(second));
    try (Client a1 = Client.connect(server.baseUrl(), first);
        Client a2 = Client.connect(server.baseUrl(), second)) {
      Response out = api.post("/api/auth/logout", first, new JsonObject());
      assertThat(out.status()).as(out.text()).isEqualTo(204);

      assertSessionEnded(a1);
      assertRefused(first);
      assertThat(Client.open(server.baseUrl(), first).outcome()).isEqualTo("error: session ended");
      // the other session goes on
      assertThat(api.get("/api/me", second).status()).isEqualTo(200);
      assertThat(a2.connected()).isTrue();
      JsonObject ack = a2.call("set_status", new JsonObject().put("status", "busy"));
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
    }
    restartServer();
    assertRefused(first);
    assertThat(api.get("/api/me", second).status()).isEqualTo(200);
  }

  @Test
  void logoutEverywhereEndsEverySessionOfThatUserOnly() throws Exception {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String first = api.register(alice);
    String second = login(alice);
    String bobToken = api.register(bob);
    try (Client a1 = Client.connect(server.baseUrl(), first);
        Client a2 = Client.connect(server.baseUrl(), second);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      Response out = api.post("/api/auth/logout-all", second, new JsonObject());
      assertThat(out.status()).as(out.text()).isEqualTo(204);
      assertSessionEnded(a1);
      assertSessionEnded(a2);
      assertRefused(first);
      assertRefused(second);
      assertThat(api.get("/api/me", bobToken).status()).isEqualTo(200);
      assertThat(b.connected()).isTrue();
    }
    restartServer();
    assertRefused(first);
    assertRefused(second);
  }

  @Test
  void passwordChangeEndsTheOtherSessionsAndKeepsThisOne() throws Exception {
    String alice = Api.uniqueName("alice");
    String here = api.register(alice);
    String elsewhere = login(alice);
    String newPassword = "a-new-password-42";
    try (Client a1 = Client.connect(server.baseUrl(), here);
        Client a2 = Client.connect(server.baseUrl(), elsewhere)) {
      Response wrong = api.put("/api/me/password", here,
          new JsonObject().put("currentPassword", "not-my-password").put("newPassword", newPassword));
      assertThat(wrong.status()).as(wrong.text()).isEqualTo(403);
      assertThat(wrong.errorCode()).isEqualTo("wrong_password");
      assertThat(api.get("/api/me", elsewhere).status()).isEqualTo(200);

      Response changed = api.put("/api/me/password", here,
          new JsonObject().put("currentPassword", Api.PASSWORD).put("newPassword", newPassword));
      assertThat(changed.status()).as(changed.text()).isEqualTo(204);
      assertSessionEnded(a2);
      assertRefused(elsewhere);
      assertThat(api.get("/api/me", here).status()).isEqualTo(200);
      assertThat(a1.connected()).isTrue();
      assertThat(api.login(alice, Api.PASSWORD).status()).isEqualTo(401);
      assertThat(api.login(alice, newPassword).status()).isEqualTo(200);
    }
    // what ended is stored, not only remembered by this process
    restartServer();
    assertRefused(elsewhere);
    assertThat(api.get("/api/me", here).status()).isEqualTo(200);
  }

  @Test
  void deletedAccountIsGoneAndItsTokensStopAtOnce() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      JsonObject sent = a.call("send_message", new JsonObject().put("to", bob).put("message", "hello"));
      assertThat(sent.getBoolean("ok")).as(sent.encode()).isTrue();
      b.await("new_message");

      Response wrong = api.delete("/api/me", aliceToken, new JsonObject().put("password", "not-my-password"));
      assertThat(wrong.status()).as(wrong.text()).isEqualTo(403);
      assertThat(api.get("/api/profiles/" + alice, bobToken).status()).isEqualTo(200);

      Response deleted = api.delete("/api/me", aliceToken, new JsonObject().put("password", Api.PASSWORD));
      assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
      assertSessionEnded(a);
      assertRefused(aliceToken, "Unknown user");
      assertThat(api.post("/api/messages", aliceToken, new JsonObject().put("to", bob).put("message", "ghost"))
          .status()).isEqualTo(401);
      assertThat(Client.open(server.baseUrl(), aliceToken).outcome()).startsWith("error: ");
      assertThat(api.login(alice, Api.PASSWORD).status()).isEqualTo(401);
      // bob no longer finds her, nor their conversation; messaging her fails clearly
      assertThat(api.get("/api/profiles/" + alice, bobToken).status()).isEqualTo(404);
      assertThat(api.get("/api/conversations", bobToken).json().getJsonArray("items")).isEmpty();
      assertThat(api.get("/api/conversations/" + alice + "/messages", bobToken).status()).isEqualTo(404);
      JsonObject toGhost = b.call("send_message", new JsonObject().put("to", alice).put("message", "still there?"));
      assertThat(toGhost.getJsonObject("error").getString("code")).as(toGhost.encode()).isEqualTo("not_found");
      // the name is free again, for a new account that inherits nothing
      String again = api.register(alice);
      assertThat(api.get("/api/conversations", again).json().getJsonArray("items")).isEmpty();
    }
  }

  @Test
  void refreshCookieIsHttpOnlyAndGivesFreshTokensOfTheSameSession() {
    String alice = Api.uniqueName("alice");
    api.register(alice);
    Response login = api.login(alice, Api.PASSWORD);
    String setCookie = login.setCookie(COOKIE);
    assertThat(setCookie).as("the login sets the session cookie").isNotNull();
    assertThat(setCookie).containsIgnoringCase("; HttpOnly").contains("SameSite=Strict").contains("Path=/api/auth")
        .doesNotContainIgnoringCase("Secure"); // no TLS here
    assertThat(login.json().encode()).doesNotContain(login.cookie(COOKIE));
    String cookie = COOKIE + "=" + login.cookie(COOKIE);

    Response refreshed = api.postWithCookie("/api/auth/refresh", cookie);
    assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
    String token = refreshed.json().getString("token");
    assertThat(sessionOf(token)).isEqualTo(sessionOf(login.json().getString("token")));
    assertThat(refreshed.json().getJsonObject("user").getString("username")).isEqualTo(alice);
    assertThat(api.get("/api/me", token).status()).isEqualTo(200);

    assertThat(api.postWithCookie("/api/auth/refresh", COOKIE + "=" + sessionOf(token) + ".forged").status())
        .isEqualTo(401);
    assertThat(api.post("/api/auth/refresh", null, new JsonObject()).status()).isEqualTo(401);

    // the browser logs out with its cookie: the session ends, the cookie is cleared
    Response out = api.postWithCookie("/api/auth/logout", cookie);
    assertThat(out.status()).as(out.text()).isEqualTo(204);
    assertThat(out.setCookie(COOKIE)).contains("Max-Age=0");
    assertThat(api.postWithCookie("/api/auth/refresh", cookie).status()).isEqualTo(401);
    assertRefused(token);
  }

  @Test
  void socketTakesAFreshTokenInBandAndOutlivesTheFirst() {
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    api.register(alice);
    api.register(bob);
    Response login = api.login(alice, Api.PASSWORD);
    String session = sessionOf(login.json().getString("token"));
    String cookie = COOKIE + "=" + login.cookie(COOKIE);
    Instant now = Instant.now();
    Instant shortExpiry = now.plusSeconds(3);
    String shortLived = JWT.create().withSubject(alice).withClaim("sid", session).withIssuedAt(now)
        .withExpiresAt(shortExpiry).sign(Algorithm.HMAC256(PulseFixture.JWT_SECRET));
    String otherSession = login(alice);
    try (Client a = Client.connect(server.baseUrl(), shortLived)) {
      JsonObject foreign = a.call("refresh_token", new JsonObject().put("token", otherSession));
      assertThat(foreign.getJsonObject("error").getString("code")).as(foreign.encode()).isEqualTo("forbidden");

      String fresh = api.postWithCookie("/api/auth/refresh", cookie).json().getString("token");
      JsonObject renewed = a.call("refresh_token", new JsonObject().put("token", fresh));
      assertThat(renewed.getBoolean("ok")).as(renewed.encode()).isTrue();
      assertThat(Instant.parse(renewed.getString("expiresAt"))).isAfter(shortExpiry.plusSeconds(60));

      // past the first token's expiry the same connection still works
      Client.pause(Duration.between(Instant.now(), shortExpiry).plusMillis(1_500));
      assertThat(a.connected()).isTrue();
      assertThat(a.received("error")).isEmpty();
      assertThat(a.received("disconnect")).isEmpty();
      JsonObject sent = a.call("send_message", new JsonObject().put("to", bob).put("message", "still here"));
      assertThat(sent.getBoolean("ok")).as(sent.encode()).isTrue();
    }
  }
}
