package dev.pulse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Backend;
import dev.pulse.server.testing.PulseFixture;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stopping server closes every connection at once (clients reconnect to the next instance)
 *. Checked on the wire with the JDK's WebSocket: the io.socket Java
 * client does not answer a server's close frame, so it would not notice.
 */
class ShutdownTest {

  @Test
  void shutdownClosesEverySocket() throws Exception {
    PulseFixture server = PulseFixture.start(Backend.SQLITE);
    try (server) {
      Api api = server.api();
      String alice = Api.uniqueName("alice");
      String token = api.register(alice);
      LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
      CompletableFuture<Integer> closed = new CompletableFuture<>();
      HttpClient http = HttpClient.newHttpClient();
      WebSocket ws = http.newWebSocketBuilder().buildAsync(
          URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket"),
          new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
              frames.add(data.toString());
              w.request(1);
              return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
              closed.complete(code);
              return null;
            }
          }).get(5, TimeUnit.SECONDS);
      assertThat(frames.poll(5, TimeUnit.SECONDS)).startsWith("0{");
      ws.sendText("40" + new JsonObject().put("token", token).encode(), true).get(5, TimeUnit.SECONDS);
      assertThat(frames.poll(5, TimeUnit.SECONDS)).startsWith("40{\"sid\"");

      server.close();

      assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
      assertThat(http).isNotNull(); // keeps the client (and its connection) reachable until here
    }
  }
}
