package dev.pulse.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.config.Config;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.EmbeddedServerTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sessions whose browser is gone but whose connection was never closed (ghosts) are announced
 * offline soon: a page left in the middle of its polling -> WebSocket upgrade within grace + 2 s,
 * one closed between two polls within grace + POLL_QUIET_MS, a connection whose network
 * silently died within 30 s. The clients here speak Engine.IO with raw requests, doing exactly
 * what a browser's socket.io-client does before it is gone; the server runs with the default
 * heartbeat, poll gap and grace.
 */
class GhostSessionTest extends EmbeddedServerTest {
  static final long GRACE_MS = Config.DEFAULT_OFFLINE_GRACE_MS;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Override
  protected Map<String, String> env() {
    return Map.of("PRESENCE_GRACE_MS", String.valueOf(GRACE_MS));
  }

  @Test
  void aPageLeftInTheMiddleOfItsUpgradeIsAnnouncedOfflineWithinGracePlusTwoSeconds() throws Exception {
    String alice = Api.uniqueName("alice");
    try (Client bob = Client.connect(server.baseUrl(), api.register(Api.uniqueName("bob")))) {
      String sid = pollingSession(api.register(alice));
      bob.await("user_online", p -> alice.equals(p.getString("username")));
      // the page's poll is waiting when its WebSocket is probed; the probe releases it
      CompletableFuture<HttpResponse<String>> poll = http.sendAsync(get(sid), HttpResponse.BodyHandlers.ofString());
      Frames probe = Frames.open(http, wsUri(sid));
      probe.ws.sendText("2probe", true).get(5, TimeUnit.SECONDS);
      assertThat(probe.next()).isEqualTo("3probe");
      assertThat(poll.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      // ~150 ms after the page loaded, another navigation: the upgrade never completes
      probe.ws.abort();
      long left = System.currentTimeMillis();

      long offlineAfter = offlineAfter(bob, alice, left);
      assertThat(offlineAfter).as("announced offline %d ms after the page was left", offlineAfter)
          .isLessThanOrEqualTo(GRACE_MS + 2_000);
    }
  }

  @Test
  void aTabClosedBetweenTwoPollsIsAnnouncedOfflineWithinGracePlusTwoSeconds() throws Exception {
    String alice = Api.uniqueName("alice");
    try (Client bob = Client.connect(server.baseUrl(), api.register(Api.uniqueName("bob")))) {
      pollingSession(api.register(alice));
      long lastPollAnswered = System.currentTimeMillis();
      bob.await("user_online", p -> alice.equals(p.getString("username")));

      long offlineAfter = offlineAfter(bob, alice, lastPollAnswered);
      assertThat(offlineAfter).as("announced offline %d ms after the last poll", offlineAfter)
          .isLessThanOrEqualTo(GRACE_MS + 2_000);
    }
  }

  @Test
  void aPollingTabThatAsksLateButWithinThePollGapNeverFlashesOffline() throws Exception {
    String alice = Api.uniqueName("alice");
    try (Client bob = Client.connect(server.baseUrl(), api.register(Api.uniqueName("bob")))) {
      String sid = pollingSession(api.register(alice));
      bob.await("user_online", p -> alice.equals(p.getString("username")));
      // a busy browser: its next poll comes well after the quiet mark, inside the gap
      Thread.sleep(Config.DEFAULT_POLL_QUIET_MS + 1_000);
      CompletableFuture<HttpResponse<String>> poll = http.sendAsync(get(sid), HttpResponse.BodyHandlers.ofString());
      Thread.sleep(GRACE_MS + 1_000);

      assertThat(bob.received("user_offline").stream().map(e -> e.payload().getString("username")))
          .as("a late poll ends the grace period unannounced").doesNotContain(alice);
      assertThat(api.get("/api/users/online-status/" + alice, api.register(Api.uniqueName("carol"))).json()
          .getBoolean("online")).as("still online").isTrue();
      poll.cancel(true);
    }
  }

  @Test
  void aConnectionWhoseNetworkSilentlyDiedIsAnnouncedOfflineWithinThirtySeconds() throws Exception {
    String alice = Api.uniqueName("alice");
    try (Client bob = Client.connect(server.baseUrl(), api.register(Api.uniqueName("bob")))) {
      Frames tab = Frames.open(http, URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket"));
      assertThat(tab.next()).startsWith("0{");
      tab.ws.sendText("40" + new JsonObject().put("token", api.register(alice)).encode(), true).get(5, TimeUnit.SECONDS);
      bob.await("user_online", p -> alice.equals(p.getString("username")));
      // it answers the first ping, then its network dies: nothing more comes from it, nothing is closed
      String frame;
      do {
        frame = tab.next(Duration.ofSeconds(Config.DEFAULT_PING_INTERVAL_MS / 1000 + 10));
      } while (!"2".equals(frame));
      tab.ws.sendText("3", true).get(5, TimeUnit.SECONDS);
      long died = System.currentTimeMillis();
      tab.deaf = true;

      long offlineAfter = offlineAfter(bob, alice, died);
      assertThat(offlineAfter).as("announced offline %d ms after the network died", offlineAfter)
          .isLessThanOrEqualTo(30_000);
    }
  }

  /** Milliseconds from {@code since} until {@code observer} hears {@code user} is offline (up to 60 s). */
  private static long offlineAfter(Client observer, String user, long since) {
    observer.await("user_offline", Duration.ofSeconds(60), p -> user.equals(p.getString("username")));
    long after = observer.received("user_offline").stream()
        .filter(e -> user.equals(e.payload().getString("username")))
        .findFirst().orElseThrow().atMillis() - since;
    System.out.println("ghost " + user + " announced offline after " + after + " ms");
    return after;
  }

  /** A polling handshake and a CONNECT with {@code token}, as a page load starts; returns the sid. */
  private String pollingSession(String token) throws Exception {
    String open = http.send(HttpRequest.newBuilder(pollUri(null)).build(), HttpResponse.BodyHandlers.ofString()).body();
    String sid = new JsonObject(open.substring(1)).getString("sid");
    HttpResponse<String> connect = http.send(HttpRequest.newBuilder(pollUri(sid))
        .POST(HttpRequest.BodyPublishers.ofString("40" + new JsonObject().put("token", token).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(connect.body()).isEqualTo("ok");
    assertThat(http.send(get(sid), HttpResponse.BodyHandlers.ofString()).body()).contains("40{");
    return sid;
  }

  private HttpRequest get(String sid) {
    return HttpRequest.newBuilder(pollUri(sid)).timeout(Duration.ofSeconds(30)).build();
  }

  private URI pollUri(String sid) {
    return URI.create(server.baseUrl() + "/socket.io/?EIO=4&transport=polling" + (sid == null ? "" : "&sid=" + sid));
  }

  private URI wsUri(String sid) {
    return URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket&sid=" + sid);
  }

  /** A raw WebSocket whose text frames wait in a queue; once {@code deaf}, it reads but never answers. */
  static final class Frames implements WebSocket.Listener {
    final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    volatile boolean deaf;
    WebSocket ws;

    static Frames open(HttpClient http, URI uri) throws Exception {
      Frames f = new Frames();
      f.ws = http.newWebSocketBuilder().buildAsync(uri, f).get(5, TimeUnit.SECONDS);
      return f;
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
      if (!deaf) {
        frames.add(data.toString());
      }
      w.request(1);
      return null;
    }

    String next() throws InterruptedException {
      return next(Duration.ofSeconds(5));
    }

    String next(Duration wait) throws InterruptedException {
      return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
